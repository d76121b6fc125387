package io.triage.facts;

/**
 * The cost crossover figures, computed by a rule from the volume and cost answers. The formulas
 * live in DRL; this class only carries the result. {@code breakEvenMonths} is null when fine-tuning
 * saves nothing per month, so the training cost never pays back.
 */
public final class CostEstimate implements Fact {

    private final double monthlyPromptCost;
    private final double monthlySavingIfFineTuned;
    private final Double breakEvenMonths;

    public CostEstimate(double monthlyPromptCost, double monthlySavingIfFineTuned, Double breakEvenMonths) {
        this.monthlyPromptCost = monthlyPromptCost;
        this.monthlySavingIfFineTuned = monthlySavingIfFineTuned;
        this.breakEvenMonths = breakEvenMonths;
    }

    public double getMonthlyPromptCost() {
        return monthlyPromptCost;
    }

    public double getMonthlySavingIfFineTuned() {
        return monthlySavingIfFineTuned;
    }

    public Double getBreakEvenMonths() {
        return breakEvenMonths;
    }

    @Override
    public String toString() {
        return "CostEstimate[prompt=" + monthlyPromptCost + ", saving=" + monthlySavingIfFineTuned
                + ", breakEven=" + breakEvenMonths + "]";
    }
}

package io.triage.facts;

/**
 * The cost crossover figures, computed by a rule from the volume and cost answers. The formulas
 * live in DRL; this class only carries the result. {@code breakEvenMonths} is null when fine-tuning
 * saves nothing per month once retraining is paid for, so the training cost never pays back.
 *
 * <p>Two shapes exist. The v2 estimate (policy v2) adds retraining: how often the behavior changes,
 * what retraining costs per month, the net saving, the training runs over the payback horizon, and
 * whether it amortizes at high volume. The v1 estimate (three figures) is kept so that decisions made
 * on rule sets written against it still replay byte for byte; its v2 figures are null.
 */
public final class CostEstimate implements Fact {

    private final double monthlyPromptCost;
    private final double monthlySavingIfFineTuned;
    private final Double breakEvenMonths;
    private final Double behaviorChangesPerMonth;
    private final Double retrainingCostPerMonth;
    private final Double netMonthlySaving;
    private final Double trainingRunsOverHorizon;
    private final Boolean amortizes;
    private final Boolean highVolume;

    /** The v1 estimate: one training run, no retraining. */
    public CostEstimate(double monthlyPromptCost, double monthlySavingIfFineTuned, Double breakEvenMonths) {
        this.monthlyPromptCost = monthlyPromptCost;
        this.monthlySavingIfFineTuned = monthlySavingIfFineTuned;
        this.breakEvenMonths = breakEvenMonths;
        this.behaviorChangesPerMonth = null;
        this.retrainingCostPerMonth = null;
        this.netMonthlySaving = null;
        this.trainingRunsOverHorizon = null;
        this.amortizes = null;
        this.highVolume = null;
    }

    /** The v2 estimate, with retraining and high volume. */
    public CostEstimate(double monthlyPromptCost, double monthlySavingIfFineTuned, double behaviorChangesPerMonth,
                        double retrainingCostPerMonth, double netMonthlySaving, Double breakEvenMonths,
                        double trainingRunsOverHorizon, boolean amortizes, boolean highVolume) {
        this.monthlyPromptCost = monthlyPromptCost;
        this.monthlySavingIfFineTuned = monthlySavingIfFineTuned;
        this.breakEvenMonths = breakEvenMonths;
        this.behaviorChangesPerMonth = behaviorChangesPerMonth;
        this.retrainingCostPerMonth = retrainingCostPerMonth;
        this.netMonthlySaving = netMonthlySaving;
        this.trainingRunsOverHorizon = trainingRunsOverHorizon;
        this.amortizes = amortizes;
        this.highVolume = highVolume;
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

    /** True for the v2 estimate, which carries the retraining figures. */
    public boolean isWithRetraining() {
        return behaviorChangesPerMonth != null;
    }

    public Double getBehaviorChangesPerMonth() {
        return behaviorChangesPerMonth;
    }

    public Double getRetrainingCostPerMonth() {
        return retrainingCostPerMonth;
    }

    public Double getNetMonthlySaving() {
        return netMonthlySaving;
    }

    public Double getTrainingRunsOverHorizon() {
        return trainingRunsOverHorizon;
    }

    public Boolean getAmortizes() {
        return amortizes;
    }

    public Boolean getHighVolume() {
        return highVolume;
    }

    @Override
    public String toString() {
        return "CostEstimate[prompt=" + monthlyPromptCost + ", saving=" + monthlySavingIfFineTuned
                + (isWithRetraining() ? ", retraining=" + retrainingCostPerMonth + ", net=" + netMonthlySaving : "")
                + ", breakEven=" + breakEvenMonths + "]";
    }
}

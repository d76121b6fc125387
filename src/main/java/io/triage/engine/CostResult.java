package io.triage.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The cost crossover estimate: the figures a rule computed and what they rest on —
 * {@code assumptions} (the answers used, by question id, in questionnaire order; a question left
 * unanswered that the estimate assumed something for is listed with a null value), {@code defaults}
 * (those that were the questionnaire's defaults) and {@code parameters} (policy parameters behind
 * it). The retraining figures and the two verdicts are null for a v1 estimate, which had none.
 */
public record CostResult(double monthlyPromptCost, double monthlySavingIfFineTuned, Double breakEvenMonths,
                         Map<String, Object> assumptions, List<String> defaults,
                         Double behaviorChangesPerMonth, Double retrainingCostPerMonth, Double netMonthlySaving,
                         Double trainingRunsOverHorizon, Boolean amortizes, Boolean highVolume,
                         Map<String, BigDecimal> parameters) {

    /** The questions the v2 estimate reads; one left unanswered is an assumption too (no retraining). */
    public static final List<String> V2_INPUTS = List.of("monthly_calls", "system_prompt_tokens",
            "price_per_million_input_tokens", "fine_tune_training_cost", "fine_tune_cost_reduction_percent",
            "payback_horizon_months", "behavior_change_frequency");

    public boolean withRetraining() {
        return behaviorChangesPerMonth != null;
    }
}

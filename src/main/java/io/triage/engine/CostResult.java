package io.triage.engine;

import java.util.List;
import java.util.Map;

/**
 * The cost crossover estimate: the three figures a rule computed and the answers it used
 * ({@code assumptions}, in questionnaire order), naming those that were defaults.
 */
public record CostResult(double monthlyPromptCost, double monthlySavingIfFineTuned, Double breakEvenMonths,
                         Map<String, Object> assumptions, List<String> defaults) {
}

package io.triage.engine;

import java.util.List;

/**
 * What one rule-set version concluded from one set of answers, with the reasons. {@code textGaps}
 * lists placeholders its texts could not fill ("CODE: {name}"); it is not part of the decision, the
 * validation gate reads it.
 */
public record Evaluation(List<RecommendationResult> recommendations, CostResult cost, List<TraceEntry> trace,
                         List<String> textGaps) {
}

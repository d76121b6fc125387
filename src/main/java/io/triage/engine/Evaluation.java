package io.triage.engine;

import java.util.List;

/** What one rule-set version concluded from one set of answers, with the reasons. */
public record Evaluation(List<RecommendationResult> recommendations, CostResult cost, List<TraceEntry> trace) {
}

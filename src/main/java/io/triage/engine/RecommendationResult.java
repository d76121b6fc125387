package io.triage.engine;

import io.triage.rules.RecommendationKind;
import java.util.List;

/**
 * A recommendation as the decision reports it: the catalogue texts for its code (the variant the
 * rule chose, placeholders filled in), the rule that first produced it and the answers and
 * parameters behind every firing that produced it; {@code why}, its why-tree (one node per firing
 * that concluded it), is null on rule sets without term labels, whose decisions never had one.
 */
public record RecommendationResult(String code, RecommendationKind kind, String title, String rationale, String source,
                                   boolean blocking, String avoid, String say, String rule, List<Evidence> evidence,
                                   String variant, List<WhyNode> why) {
}

package io.triage.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import io.triage.json.CanonicalJson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why each recommendation was made, as a tree read from the decision's own trace: the
 * recommendation, the rule that concluded it, and what that rule matched — answers, or
 * intermediate terms followed back to the rules and answers they rest on.
 */
@TemplateData
public record WhyTree(List<Node> roots) {

    private static final int MAX_DEPTH = 12;

    /** {@code text}: the fact in words; {@code rule}: the rule that produced it (null for an answer). */
    @TemplateData
    public record Node(String text, String rule, List<Node> children) {

        public boolean leaf() {
            return children.isEmpty();
        }
    }

    public static WhyTree of(JsonNode record) {
        JsonNode trace = record.path("trace");
        Map<String, JsonNode> producedBy = new HashMap<>();
        for (JsonNode firing : trace) {
            for (JsonNode fact : firing.path("produced")) {
                producedBy.putIfAbsent(CanonicalJson.string(fact), firing);
            }
        }
        List<Node> roots = new ArrayList<>();
        for (JsonNode r : record.path("recommendations")) {
            JsonNode firing = null;
            for (JsonNode f : trace) {
                for (JsonNode fact : f.path("produced")) {
                    if ("Recommendation".equals(fact.path("fact").asText()) && r.path("code").asText().equals(fact.path("code").asText())) {
                        firing = firing == null ? f : firing;
                    }
                }
            }
            roots.add(new Node(r.path("code").asText() + ": " + r.path("title").asText(), r.path("rule").asText(),
                    firing == null ? List.of() : because(firing, producedBy, new HashSet<>(), 1)));
        }
        return new WhyTree(roots);
    }

    private static List<Node> because(JsonNode firing, Map<String, JsonNode> producedBy, Set<String> seen, int depth) {
        List<Node> children = new ArrayList<>();
        for (JsonNode fact : firing.path("matched")) {
            String key = CanonicalJson.string(fact);
            JsonNode producer = producedBy.get(key);
            if (producer == null || depth >= MAX_DEPTH || !seen.add(key)) {
                children.add(new Node(words(fact), null, List.of()));
            } else {
                children.add(new Node(words(fact), producer.path("rule").asText(), because(producer, producedBy, seen, depth + 1)));
                seen.remove(key);
            }
        }
        return children;
    }

    /** A fact as a person reads it: {@code monthly_calls = 1000000}, {@code term narrow_task}. */
    static String words(JsonNode fact) {
        return switch (fact.path("fact").asText()) {
            case "Answer" -> fact.path("question").asText() + " = " + fact.path("value");
            case "Term" -> "term " + fact.path("name").asText();
            case "Recommendation" -> "recommendation " + fact.path("code").asText();
            case "CostEstimate" -> "the cost estimate";
            default -> CanonicalJson.string(fact);
        };
    }
}

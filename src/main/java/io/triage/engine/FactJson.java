package io.triage.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.facts.Answer;
import io.triage.facts.CostEstimate;
import io.triage.facts.Recommendation;
import io.triage.facts.Term;

import java.math.BigDecimal;

/** How a fact appears in a trace: {@code {"fact": "<type>", ...its values}}. */
public final class FactJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper GENERIC = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private FactJson() {
    }

    public static JsonNode toJson(Object fact) {
        if (fact instanceof JsonNode snapshot) {
            return snapshot;
        }
        ObjectNode node = NODES.objectNode();
        // Keys are added in sorted order, the order canonical JSON writes them in.
        if (fact instanceof Answer a) {
            if (a.isDefaulted()) {
                node.put("defaulted", true);
            }
            node.put("fact", "Answer");
            node.put("question", a.getQuestion());
            putValue(node, "value", a.getValue());
        } else if (fact instanceof Term t) {
            node.put("fact", "Term");
            node.put("name", t.getName());
        } else if (fact instanceof Recommendation r) {
            node.put("code", r.getCode());
            node.put("fact", "Recommendation");
        } else if (fact instanceof CostEstimate c) {
            if (c.getBreakEvenMonths() == null) {
                node.putNull("breakEvenMonths");
            } else {
                node.put("breakEvenMonths", c.getBreakEvenMonths());
            }
            node.put("fact", "CostEstimate");
            node.put("monthlyPromptCost", c.getMonthlyPromptCost());
            node.put("monthlySavingIfFineTuned", c.getMonthlySavingIfFineTuned());
        } else {
            node.put("fact", fact.getClass().getSimpleName());
            JsonNode values = GENERIC.valueToTree(fact);
            if (values.isObject()) {
                node.setAll((ObjectNode) values);
            } else {
                node.set("value", values);
            }
        }
        return node;
    }

    public static void putValue(ObjectNode node, String field, Object value) {
        if (value instanceof String s) {
            node.put(field, s);
        } else if (value instanceof Boolean b) {
            node.put(field, b);
        } else if (value instanceof BigDecimal n) {
            node.put(field, n);
        } else if (value instanceof Double d) {
            node.put(field, d);
        } else if (value == null) {
            node.putNull(field);
        } else {
            node.set(field, GENERIC.valueToTree(value));
        }
    }
}

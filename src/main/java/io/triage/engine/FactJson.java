package io.triage.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.facts.Answer;
import io.triage.facts.CostEstimate;
import io.triage.facts.Parameter;
import io.triage.facts.Recommendation;
import io.triage.facts.Term;
import io.triage.json.CanonicalWriter;

/** How a fact appears in a trace: {@code {"fact": "<type>", ...its values}}. */
public final class FactJson {

    private static final ObjectMapper GENERIC = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private FactJson() {
    }

    /** Writes a fact (keys in sorted order); anything outside the fact model is written from its snapshot. */
    static void write(CanonicalWriter w, Object fact) {
        if (fact instanceof Answer a) {
            w.startObject();
            if (a.isDefaulted()) {
                w.key("defaulted").bool(true);
            }
            w.key("fact").string("Answer").key("question").string(a.getQuestion()).key("value").value(a.getValue());
            w.endObject();
        } else if (fact instanceof Term t) {
            w.startObject().key("fact").string("Term").key("name").string(t.getName());
            if (t.getValue() != null) {
                w.key("value").number(t.getValue());
            }
            w.endObject();
        } else if (fact instanceof Recommendation r) {
            w.startObject().key("code").string(r.getCode()).key("fact").string("Recommendation");
            if (r.getVariant() != null) {
                w.key("variant").string(r.getVariant());
            }
            w.endObject();
        } else if (fact instanceof Parameter p) {
            w.startObject().key("fact").string("Parameter").key("name").string(p.getName())
                    .key("value").number(p.getExact()).endObject();
        } else if (fact instanceof CostEstimate c) {
            writeCostEstimate(w, c);
        } else {
            w.tree(fact instanceof JsonNode snapshot ? snapshot : snapshot(fact));
        }
    }

    // A v1 estimate is written exactly as before, so decisions made on v1 rule sets replay byte for byte.
    private static void writeCostEstimate(CanonicalWriter w, CostEstimate c) {
        w.startObject();
        if (c.isWithRetraining()) {
            w.key("amortizes").bool(c.getAmortizes()).key("behaviorChangesPerMonth").number(c.getBehaviorChangesPerMonth());
        }
        w.key("breakEvenMonths").value(c.getBreakEvenMonths()).key("fact").string("CostEstimate");
        if (c.isWithRetraining()) {
            w.key("highVolume").bool(c.getHighVolume());
        }
        w.key("monthlyPromptCost").number(c.getMonthlyPromptCost())
                .key("monthlySavingIfFineTuned").number(c.getMonthlySavingIfFineTuned());
        if (c.isWithRetraining()) {
            w.key("netMonthlySaving").number(c.getNetMonthlySaving())
                    .key("retrainingCostPerMonth").number(c.getRetrainingCostPerMonth())
                    .key("trainingRunsOverHorizon").number(c.getTrainingRunsOverHorizon());
        }
        w.endObject();
    }

    /**
     * A JSON copy of a fact from outside the fact model (a type declared in DRL), taken when the
     * rule fires, since a later rule may modify the object.
     */
    static JsonNode snapshot(Object fact) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("fact", fact.getClass().getSimpleName());
        JsonNode values = GENERIC.valueToTree(fact);
        if (values.isObject()) {
            node.setAll((ObjectNode) values);
        } else {
            node.set("value", values);
        }
        return node;
    }
}

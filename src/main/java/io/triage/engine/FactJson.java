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

import static io.triage.engine.RecordNames.*;

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
                w.key(DEFAULTED).bool(true);
            }
            w.key(FACT).string(ANSWER_FACT).key(QUESTION).string(a.getQuestion()).key(VALUE).value(a.getValue());
            w.endObject();
        } else if (fact instanceof Term t) {
            w.startObject().key(FACT).string(TERM_FACT).key(NAME).string(t.getName());
            if (t.getValue() != null) {
                w.key(VALUE).number(t.getValue());
            }
            w.endObject();
        } else if (fact instanceof Recommendation r) {
            w.startObject().key(CODE).string(r.getCode()).key(FACT).string(RECOMMENDATION_FACT);
            if (r.getVariant() != null) {
                w.key(VARIANT).string(r.getVariant());
            }
            w.endObject();
        } else if (fact instanceof Parameter p) {
            w.startObject().key(FACT).string(PARAMETER_FACT).key(NAME).string(p.getName())
                    .key(VALUE).number(p.getExact()).endObject();
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
            w.key(AMORTIZES).bool(c.getAmortizes()).key(BEHAVIOR_CHANGES_PER_MONTH).number(c.getBehaviorChangesPerMonth());
        }
        w.key(BREAK_EVEN_MONTHS).value(c.getBreakEvenMonths()).key(FACT).string(COST_ESTIMATE_FACT);
        if (c.isWithRetraining()) {
            w.key(HIGH_VOLUME).bool(c.getHighVolume());
        }
        w.key(MONTHLY_PROMPT_COST).number(c.getMonthlyPromptCost())
                .key(MONTHLY_SAVING_IF_FINE_TUNED).number(c.getMonthlySavingIfFineTuned());
        if (c.isWithRetraining()) {
            w.key(NET_MONTHLY_SAVING).number(c.getNetMonthlySaving())
                    .key(RETRAINING_COST_PER_MONTH).number(c.getRetrainingCostPerMonth())
                    .key(TRAINING_RUNS_OVER_HORIZON).number(c.getTrainingRunsOverHorizon());
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

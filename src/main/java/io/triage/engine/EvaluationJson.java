package io.triage.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The JSON form of an evaluation, exactly as decisions store it and replay compares it:
 * {@code recommendations}, {@code cost} (or null) and {@code trace}. Keys are added in sorted
 * order, the order canonical JSON writes them in, so writing needs no sorting.
 */
public final class EvaluationJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EvaluationJson() {
    }

    /** {@code {"cost", "recommendations", "trace"}}: the part of a decision replay compares. */
    public static ObjectNode toJson(Evaluation evaluation) {
        ObjectNode node = NODES.objectNode();
        node.set("cost", cost(evaluation.cost()));
        node.set("recommendations", recommendations(evaluation.recommendations()));
        node.set("trace", trace(evaluation.trace()));
        return node;
    }

    public static ArrayNode recommendations(List<RecommendationResult> recommendations) {
        ArrayNode array = NODES.arrayNode();
        for (RecommendationResult r : recommendations) {
            ObjectNode n = array.addObject();
            if (r.avoid() != null) {
                n.put("avoid", r.avoid());
            }
            if (r.blocking()) {
                n.put("blocking", true);
            }
            n.put("code", r.code());
            ArrayNode evidence = n.putArray("evidence");
            for (Evidence e : r.evidence()) {
                ObjectNode en = evidence.addObject();
                FactJson.putValue(en, "answer", e.answer());
                if (e.defaulted()) {
                    en.put("defaulted", true);
                }
                en.put("question", e.question());
            }
            n.put("kind", r.kind());
            n.put("rationale", r.rationale());
            n.put("rule", r.rule());
            if (r.say() != null) {
                n.put("say", r.say());
            }
            if (r.source() != null) {
                n.put("source", r.source());
            }
            n.put("title", r.title());
        }
        return array;
    }

    /** The cost estimate, or JSON null when there is none (no monthly_calls). */
    public static JsonNode cost(CostResult cost) {
        if (cost == null) {
            return NODES.nullNode();
        }
        ObjectNode n = NODES.objectNode();
        ObjectNode assumptions = n.putObject("assumptions");
        cost.assumptions().forEach((q, v) -> FactJson.putValue(assumptions, q, v));
        if (cost.breakEvenMonths() == null) {
            n.putNull("breakEvenMonths");
        } else {
            n.put("breakEvenMonths", cost.breakEvenMonths());
        }
        ArrayNode defaults = n.putArray("defaults");
        cost.defaults().forEach(defaults::add);
        n.put("monthlyPromptCost", cost.monthlyPromptCost());
        n.put("monthlySavingIfFineTuned", cost.monthlySavingIfFineTuned());
        return n;
    }

    public static ArrayNode trace(List<TraceEntry> trace) {
        ArrayNode array = NODES.arrayNode();
        for (TraceEntry t : trace) {
            ObjectNode n = array.addObject();
            ArrayNode matched = n.putArray("matched");
            t.matched().forEach(f -> matched.add(FactJson.toJson(f)));
            ArrayNode produced = n.putArray("produced");
            t.produced().forEach(f -> produced.add(FactJson.toJson(f)));
            if (!t.retracted().isEmpty()) {
                ArrayNode retracted = n.putArray("retracted");
                t.retracted().forEach(f -> retracted.add(FactJson.toJson(f)));
            }
            n.put("rule", t.rule());
            n.put("seq", t.seq());
        }
        return array;
    }
}

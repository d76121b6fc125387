package io.triage.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The JSON form of an evaluation, exactly as decisions store it and replay compares it:
 * {@code recommendations}, {@code cost} (or null) and {@code trace}.
 */
public final class EvaluationJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EvaluationJson() {
    }

    /** Puts {@code recommendations}, {@code cost} and {@code trace} into the given record. */
    public static void write(Evaluation evaluation, ObjectNode into) {
        into.set("recommendations", recommendations(evaluation.recommendations()));
        if (evaluation.cost() == null) {
            into.putNull("cost");
        } else {
            into.set("cost", cost(evaluation.cost()));
        }
        into.set("trace", trace(evaluation.trace()));
    }

    public static ObjectNode toJson(Evaluation evaluation) {
        ObjectNode node = NODES.objectNode();
        write(evaluation, node);
        return node;
    }

    static ArrayNode recommendations(List<RecommendationResult> recommendations) {
        ArrayNode array = NODES.arrayNode();
        for (RecommendationResult r : recommendations) {
            ObjectNode n = array.addObject();
            n.put("code", r.code());
            n.put("kind", r.kind());
            n.put("title", r.title());
            n.put("rationale", r.rationale());
            if (r.source() != null) {
                n.put("source", r.source());
            }
            if (r.blocking()) {
                n.put("blocking", true);
            }
            ArrayNode evidence = n.putArray("evidence");
            for (Evidence e : r.evidence()) {
                ObjectNode en = evidence.addObject();
                en.put("question", e.question());
                FactJson.putValue(en, "answer", e.answer());
                if (e.defaulted()) {
                    en.put("defaulted", true);
                }
            }
            n.put("rule", r.rule());
            if (r.avoid() != null) {
                n.put("avoid", r.avoid());
            }
            if (r.say() != null) {
                n.put("say", r.say());
            }
        }
        return array;
    }

    static ObjectNode cost(CostResult cost) {
        ObjectNode n = NODES.objectNode();
        n.put("monthlyPromptCost", cost.monthlyPromptCost());
        n.put("monthlySavingIfFineTuned", cost.monthlySavingIfFineTuned());
        if (cost.breakEvenMonths() == null) {
            n.putNull("breakEvenMonths");
        } else {
            n.put("breakEvenMonths", cost.breakEvenMonths());
        }
        ObjectNode assumptions = n.putObject("assumptions");
        cost.assumptions().forEach((q, v) -> FactJson.putValue(assumptions, q, v));
        ArrayNode defaults = n.putArray("defaults");
        cost.defaults().forEach(defaults::add);
        return n;
    }

    static ArrayNode trace(List<TraceEntry> trace) {
        ArrayNode array = NODES.arrayNode();
        for (TraceEntry t : trace) {
            ObjectNode n = array.addObject();
            n.put("seq", t.seq());
            n.put("rule", t.rule());
            ArrayNode matched = n.putArray("matched");
            t.matched().forEach(f -> matched.add(FactJson.toJson(f)));
            ArrayNode produced = n.putArray("produced");
            t.produced().forEach(f -> produced.add(FactJson.toJson(f)));
            if (!t.retracted().isEmpty()) {
                ArrayNode retracted = n.putArray("retracted");
                t.retracted().forEach(f -> retracted.add(FactJson.toJson(f)));
            }
        }
        return array;
    }
}

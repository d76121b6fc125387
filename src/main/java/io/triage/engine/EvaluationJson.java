package io.triage.engine;

import io.triage.json.CanonicalWriter;

import java.util.List;

/**
 * The JSON form of an evaluation exactly as decisions store it and replay compares it:
 * {@code recommendations}, {@code cost} (or null) and {@code trace}, written straight to
 * canonical bytes with keys in sorted order.
 */
public final class EvaluationJson {

    private EvaluationJson() {
    }

    /** {@code {"cost", "recommendations", "trace"}}: the part of a decision that depends on the rules. */
    public static byte[] canonical(Evaluation evaluation) {
        CanonicalWriter w = new CanonicalWriter().startObject();
        w.key("cost");
        writeCost(w, evaluation.cost());
        w.key("recommendations");
        writeRecommendations(w, evaluation.recommendations());
        w.key("trace");
        writeTrace(w, evaluation.trace());
        return w.endObject().toBytes();
    }

    public static void writeRecommendations(CanonicalWriter w, List<RecommendationResult> recommendations) {
        w.startArray();
        for (RecommendationResult r : recommendations) {
            w.startObject();
            if (r.avoid() != null) {
                w.key("avoid").string(r.avoid());
            }
            if (r.blocking()) {
                w.key("blocking").bool(true);
            }
            w.key("code").string(r.code());
            w.key("evidence").startArray();
            for (Evidence e : r.evidence()) {
                if (e.isParameter()) {
                    w.startObject().key("parameter").string(e.parameter()).key("value").value(e.answer()).endObject();
                    continue;
                }
                w.startObject().key("answer").value(e.answer());
                if (e.defaulted()) {
                    w.key("defaulted").bool(true);
                }
                w.key("question").string(e.question()).endObject();
            }
            w.endArray();
            w.key("kind").string(r.kind().id());
            w.key("rationale").string(r.rationale());
            w.key("rule").string(r.rule());
            if (r.say() != null) {
                w.key("say").string(r.say());
            }
            if (r.source() != null) {
                w.key("source").string(r.source());
            }
            w.key("title").string(r.title());
            if (r.variant() != null) {
                w.key("variant").string(r.variant());
            }
            if (r.why() != null) {
                w.key("why");
                writeWhy(w, r.why());
            }
            w.endObject();
        }
        w.endArray();
    }

    /** A why-tree: nodes with keys in sorted order, optional keys left out when empty. */
    private static void writeWhy(CanonicalWriter w, List<WhyNode> nodes) {
        w.startArray();
        for (WhyNode n : nodes) {
            w.startObject();
            if (n.because() != null) {
                w.key("because");
                writeWhy(w, n.because());
            }
            if (n.defaulted()) {
                w.key("defaulted").bool(true);
            }
            w.key("kind").string(n.kind().id());
            if (n.name() != null) {
                w.key("name").string(n.name());
            }
            if (n.repeated()) {
                w.key("repeated").bool(true);
            }
            if (n.rule() != null) {
                w.key("rule").string(n.rule());
            }
            if (n.seq() != null) {
                w.key("seq").number(n.seq());
            }
            if (n.source() != null) {
                w.key("source").string(n.source());
            }
            w.key("text").string(n.text());
            if (n.value() != null) {
                w.key("value").value(n.value());
            }
            w.endObject();
        }
        w.endArray();
    }

    /**
     * The cost estimate, or null when there is none (no monthly_calls). A v1 estimate is written
     * exactly as before (five keys), so its decisions replay byte for byte.
     */
    public static void writeCost(CanonicalWriter w, CostResult cost) {
        if (cost == null) {
            w.nullValue();
            return;
        }
        w.startObject();
        if (cost.withRetraining()) {
            w.key("amortizes").bool(cost.amortizes());
        }
        w.key("assumptions").startObject();
        // assumptions are keyed by question id, which may come in any order
        cost.assumptions().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> w.key(e.getKey()).value(e.getValue()));
        w.endObject();
        if (cost.withRetraining()) {
            w.key("behaviorChangesPerMonth").number(cost.behaviorChangesPerMonth());
        }
        w.key("breakEvenMonths").value(cost.breakEvenMonths());
        w.key("defaults").startArray();
        cost.defaults().forEach(w::string);
        w.endArray();
        if (cost.withRetraining()) {
            w.key("highVolume").bool(cost.highVolume());
        }
        w.key("monthlyPromptCost").number(cost.monthlyPromptCost());
        w.key("monthlySavingIfFineTuned").number(cost.monthlySavingIfFineTuned());
        if (cost.withRetraining()) {
            w.key("netMonthlySaving").number(cost.netMonthlySaving());
        }
        if (!cost.parameters().isEmpty()) {
            w.key("parameters").startObject();
            cost.parameters().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> w.key(e.getKey()).number(e.getValue()));
            w.endObject();
        }
        if (cost.withRetraining()) {
            w.key("retrainingCostPerMonth").number(cost.retrainingCostPerMonth());
            w.key("trainingRunsOverHorizon").number(cost.trainingRunsOverHorizon());
        }
        w.endObject();
    }

    public static void writeTrace(CanonicalWriter w, List<TraceEntry> trace) {
        w.startArray();
        for (TraceEntry t : trace) {
            w.startObject().key("matched").startArray();
            t.matched().forEach(f -> FactJson.write(w, f));
            w.endArray().key("produced").startArray();
            t.produced().forEach(f -> FactJson.write(w, f));
            w.endArray();
            if (!t.retracted().isEmpty()) {
                w.key("retracted").startArray();
                t.retracted().forEach(f -> FactJson.write(w, f));
                w.endArray();
            }
            w.key("rule").string(t.rule()).key("seq").number(t.seq()).endObject();
        }
        w.endArray();
    }
}

package io.triage.engine;

import io.triage.json.CanonicalWriter;

import static io.triage.engine.RecordNames.*;

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
        w.key(COST);
        writeCost(w, evaluation.cost());
        w.key(RECOMMENDATIONS);
        writeRecommendations(w, evaluation.recommendations());
        w.key(TRACE);
        writeTrace(w, evaluation.trace());
        return w.endObject().toBytes();
    }

    public static void writeRecommendations(CanonicalWriter w, List<RecommendationResult> recommendations) {
        w.startArray();
        for (RecommendationResult r : recommendations) {
            w.startObject();
            if (r.avoid() != null) {
                w.key(AVOID).string(r.avoid());
            }
            if (r.blocking()) {
                w.key(BLOCKING).bool(true);
            }
            w.key(CODE).string(r.code());
            w.key(EVIDENCE).startArray();
            for (Evidence e : r.evidence()) {
                if (e.isParameter()) {
                    w.startObject().key(PARAMETER).string(e.parameter()).key(VALUE).value(e.answer()).endObject();
                    continue;
                }
                w.startObject().key(ANSWER).value(e.answer());
                if (e.defaulted()) {
                    w.key(DEFAULTED).bool(true);
                }
                w.key(QUESTION).string(e.question()).endObject();
            }
            w.endArray();
            w.key(KIND).string(r.kind().id());
            w.key(RATIONALE).string(r.rationale());
            w.key(RULE).string(r.rule());
            if (r.say() != null) {
                w.key(SAY).string(r.say());
            }
            if (r.source() != null) {
                w.key(SOURCE).string(r.source());
            }
            w.key(TITLE).string(r.title());
            if (r.variant() != null) {
                w.key(VARIANT).string(r.variant());
            }
            if (r.why() != null) {
                w.key(WHY);
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
                w.key(BECAUSE);
                writeWhy(w, n.because());
            }
            if (n.defaulted()) {
                w.key(DEFAULTED).bool(true);
            }
            w.key(KIND).string(n.kind().id());
            if (n.name() != null) {
                w.key(NAME).string(n.name());
            }
            if (n.repeated()) {
                w.key(REPEATED).bool(true);
            }
            if (n.rule() != null) {
                w.key(RULE).string(n.rule());
            }
            if (n.seq() != null) {
                w.key(SEQ).number(n.seq());
            }
            if (n.source() != null) {
                w.key(SOURCE).string(n.source());
            }
            w.key(TEXT).string(n.text());
            if (n.value() != null) {
                w.key(VALUE).value(n.value());
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
            w.key(AMORTIZES).bool(cost.amortizes());
        }
        w.key(ASSUMPTIONS).startObject();
        // assumptions are keyed by question id, which may come in any order
        cost.assumptions().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> w.key(e.getKey()).value(e.getValue()));
        w.endObject();
        if (cost.withRetraining()) {
            w.key(BEHAVIOR_CHANGES_PER_MONTH).number(cost.behaviorChangesPerMonth());
        }
        w.key(BREAK_EVEN_MONTHS).value(cost.breakEvenMonths());
        w.key(DEFAULTS).startArray();
        cost.defaults().forEach(w::string);
        w.endArray();
        if (cost.withRetraining()) {
            w.key(HIGH_VOLUME).bool(cost.highVolume());
        }
        w.key(MONTHLY_PROMPT_COST).number(cost.monthlyPromptCost());
        w.key(MONTHLY_SAVING_IF_FINE_TUNED).number(cost.monthlySavingIfFineTuned());
        if (cost.withRetraining()) {
            w.key(NET_MONTHLY_SAVING).number(cost.netMonthlySaving());
        }
        if (!cost.parameters().isEmpty()) {
            w.key(PARAMETERS).startObject();
            cost.parameters().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> w.key(e.getKey()).number(e.getValue()));
            w.endObject();
        }
        if (cost.withRetraining()) {
            w.key(RETRAINING_COST_PER_MONTH).number(cost.retrainingCostPerMonth());
            w.key(TRAINING_RUNS_OVER_HORIZON).number(cost.trainingRunsOverHorizon());
        }
        w.endObject();
    }

    public static void writeTrace(CanonicalWriter w, List<TraceEntry> trace) {
        w.startArray();
        for (TraceEntry t : trace) {
            w.startObject().key(MATCHED).startArray();
            t.matched().forEach(f -> FactJson.write(w, f));
            w.endArray().key(PRODUCED).startArray();
            t.produced().forEach(f -> FactJson.write(w, f));
            w.endArray();
            if (!t.retracted().isEmpty()) {
                w.key(RETRACTED).startArray();
                t.retracted().forEach(f -> FactJson.write(w, f));
                w.endArray();
            }
            w.key(RULE).string(t.rule()).key(SEQ).number(t.seq()).endObject();
        }
        w.endArray();
    }
}

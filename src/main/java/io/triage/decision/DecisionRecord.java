package io.triage.decision;

import io.triage.engine.Evaluation;
import io.triage.engine.EvaluationJson;
import io.triage.json.CanonicalWriter;
import io.triage.questionnaire.EffectiveAnswers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The JSON record of one decision, as stored and as returned (the store adds {@code recordHash}
 * and {@code previousHash}). Field names are the public contract of api.md.
 */
public final class DecisionRecord {

    private DecisionRecord() {
    }

    /**
     * A record's canonical JSON and the two places where its hash fields belong: right after the
     * value of {@code id} ({@code previousHash} sorts next) and right after the recommendations
     * ({@code recordHash} sorts before {@code rulesetVersion}).
     */
    public record Canonical(byte[] bytes, int afterId, int afterRecommendations) {

        /**
         * The record with {@code previousHash} and {@code recordHash}, spliced in at their sorted
         * places instead of writing the document again: still canonical (tested).
         */
        public byte[] withHashes(String previousHash, String recordHash) {
            byte[] previous = (",\"previousHash\":\"" + previousHash + "\"").getBytes(StandardCharsets.UTF_8);
            byte[] record = (",\"recordHash\":\"" + recordHash + "\"").getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[bytes.length + previous.length + record.length];
            System.arraycopy(bytes, 0, out, 0, afterId);
            System.arraycopy(previous, 0, out, afterId, previous.length);
            System.arraycopy(bytes, afterId, out, afterId + previous.length, afterRecommendations - afterId);
            System.arraycopy(record, 0, out, afterRecommendations + previous.length, record.length);
            System.arraycopy(bytes, afterRecommendations, out, afterRecommendations + previous.length + record.length,
                    bytes.length - afterRecommendations);
            return out;
        }
    }

    /** The canonical JSON of a new decision's record (without its hashes): what is hashed and stored. */
    public static Canonical canonical(String id, Instant createdAt, String submittedBy, String rulesetVersion,
                                      EffectiveAnswers answers, Evaluation evaluation) {
        return canonical(id, createdAt.truncatedTo(ChronoUnit.MILLIS).toString(), submittedBy,
                answers.questionnaireVersion(), rulesetVersion, answers, evaluation);
    }

    /**
     * The canonical record from its parts; replay uses it with the stored decision's own id, time,
     * user and versions, so the bytes equal the stored record exactly when the outcome is the same.
     */
    public static Canonical canonical(String id, String createdAt, String submittedBy, String questionnaireVersion,
                                      String rulesetVersion, EffectiveAnswers answers, Evaluation evaluation) {
        CanonicalWriter w = new CanonicalWriter().startObject();
        w.key("answers").tree(answers.toJson());
        w.key("cost");
        EvaluationJson.writeCost(w, evaluation.cost());
        w.key("createdAt").string(createdAt);
        w.key("defaultsApplied").tree(answers.defaultsAppliedJson());
        w.key("id").string(id);
        int afterId = w.position();
        w.key("questionnaireVersion").string(questionnaireVersion);
        w.key("recommendations");
        EvaluationJson.writeRecommendations(w, evaluation.recommendations());
        int afterRecommendations = w.position();
        w.key("rulesetVersion").string(rulesetVersion);
        w.key("submittedBy").string(submittedBy);
        w.key("trace");
        EvaluationJson.writeTrace(w, evaluation.trace());
        return new Canonical(w.endObject().toBytes(), afterId, afterRecommendations);
    }
}

package io.triage.decision;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.engine.Evaluation;
import io.triage.engine.EvaluationJson;
import io.triage.questionnaire.EffectiveAnswers;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The JSON record of one decision, as stored and as returned (the store adds {@code recordHash}
 * and {@code previousHash}). Field names are the public contract of api.md.
 */
public final class DecisionRecord {

    private DecisionRecord() {
    }

    public static ObjectNode build(String id, Instant createdAt, String submittedBy, String rulesetVersion,
                                   EffectiveAnswers answers, Evaluation evaluation) {
        // Keys in sorted order, the order canonical JSON writes them in.
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.set("answers", answers.toJson());
        record.set("cost", EvaluationJson.cost(evaluation.cost()));
        record.put("createdAt", createdAt.truncatedTo(ChronoUnit.MILLIS).toString());
        record.set("defaultsApplied", answers.defaultsAppliedJson());
        record.put("id", id);
        record.put("questionnaireVersion", answers.questionnaireVersion());
        record.set("recommendations", EvaluationJson.recommendations(evaluation.recommendations()));
        record.put("rulesetVersion", rulesetVersion);
        record.put("submittedBy", submittedBy);
        record.set("trace", EvaluationJson.trace(evaluation.trace()));
        return record;
    }
}

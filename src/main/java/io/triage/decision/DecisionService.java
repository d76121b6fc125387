package io.triage.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.engine.Evaluation;
import io.triage.engine.Evaluator;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.RuleSet;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Answers in, decision out: validate, evaluate on the active version, build the record. */
@ApplicationScoped
public class DecisionService {

    private final ActiveRuleSet active;
    private final Evaluator evaluator;
    private final DecisionMetrics metrics;

    DecisionService(ActiveRuleSet active, Evaluator evaluator, DecisionMetrics metrics) {
        this.active = active;
        this.evaluator = evaluator;
        this.metrics = metrics;
    }

    public ObjectNode decide(JsonNode answersJson, String submittedBy) {
        // INVARIANT: the version is read once; validation and evaluation use this one version.
        RuleSet ruleSet = active.require();
        EffectiveAnswers answers = AnswerValidator.validate(ruleSet.questionnaire(), answersJson);
        Evaluation evaluation = evaluator.evaluate(ruleSet, answers);
        ObjectNode record = DecisionRecord.build(UUID.randomUUID().toString(), Instant.now(), submittedBy,
                ruleSet.version(), answers, evaluation);
        record.putNull("recordHash");
        record.putNull("previousHash");
        metrics.recorded(evaluation);
        return record;
    }
}

package io.triage.workerchild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.InvalidInputException;
import io.triage.decision.DecisionRecord;
import io.triage.engine.EvaluationException;
import io.triage.engine.Evaluator;
import io.triage.json.CanonicalJson;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;

import java.nio.charset.StandardCharsets;

/**
 * Runs one questionnaire on a rule set that is not yet trusted (a policy owner trying a candidate):
 * compiled here, the answers checked against its own questionnaire, evaluated within the service's
 * budget. Answers with the record a decision on these answers would store, without id, time or
 * hashes: {@code {compiled, record}}, or {@code compiled: false} with the errors, or the answers'
 * errors, or why the evaluation failed.
 */
final class EvaluateJob {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkerMain worker;

    EvaluateJob(WorkerMain worker) {
        this.worker = worker;
    }

    void run(JsonNode request) {
        RuleSetFiles files = WorkerFiles.of(request.path("files"));
        worker.progress("the compiler");
        RuleSetCompiler.Result compiled = worker.compiler().compile(files);
        ObjectNode result = worker.message("result");
        result.put("compiled", compiled.ok());
        if (!compiled.ok()) {
            ArrayNode errors = result.putArray("errors");
            compiled.errors().forEach(e -> errors.add(JSON.valueToTree(e)));
            worker.send(result);
            return;
        }
        RuleSet ruleSet = compiled.ruleSet();
        worker.progress("the evaluation");
        try {
            EffectiveAnswers answers = AnswerValidator.validate(ruleSet.questionnaire(), request.path("answers"));
            var evaluation = new Evaluator(WorkerFiles.budget(request)).evaluate(ruleSet, answers);
            byte[] record = DecisionRecord.canonical("", "", "", answers.questionnaireVersion(), files.version(), answers,
                    evaluation).bytes();
            result.set("record", CanonicalJson.parse(new String(record, StandardCharsets.UTF_8)));
        } catch (InvalidInputException e) {
            ArrayNode errors = result.putArray("answerErrors");
            e.errors().forEach(err -> errors.add(JSON.valueToTree(err)));
        } catch (EvaluationException e) {
            result.put("failure", e.getMessage());
        }
        worker.send(result);
    }
}

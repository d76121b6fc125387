package io.triage.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.engine.EvaluationBudget;
import io.triage.rules.RuleSetFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker's {@code evaluate} op: one questionnaire on a rule set not yet trusted, answered in the worker process. */
class EvaluateInWorkerTest {

    private static final RuleSetFiles SHIPPED = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
    private final Worker worker = new Worker("256m", Duration.ofSeconds(120), Duration.ofSeconds(120), false);

    @Test
    void answersWithTheRecordADecisionWouldStore() {
        ObjectNode answers = JsonNodeFactory.instance.objectNode().put("task_type", "classification")
                .put("format_consistency_critical", true).put("monthly_calls", 1_000_000);
        JsonNode result = worker.run(WorkerRequests.evaluate(SHIPPED, EvaluationBudget.DEFAULT, answers));
        assertThat(result.path("compiled").asBoolean()).isTrue();
        JsonNode record = result.path("record");
        List<String> codes = new ArrayList<>();
        record.path("recommendations").forEach(r -> codes.add(r.path("code").asText()));
        assertThat(codes).contains("FINE_TUNE_LORA").doesNotContain("PROMPTING");
        assertThat(record.path("rulesetVersion").asText()).isEqualTo(SHIPPED.version());
        assertThat(record.path("trace").size()).isPositive();
        assertThat(record.path("cost").path("monthlyPromptCost").asDouble()).isEqualTo(5000.0);
        assertThat(record.path("answers").path("monthly_calls").asLong()).isEqualTo(1_000_000);
    }

    @Test
    void answersThatDoNotFitTheQuestionnaireAndRulesThatDoNotCompileAreSaidSo() {
        JsonNode wrong = worker.run(WorkerRequests.evaluate(SHIPPED, EvaluationBudget.DEFAULT,
                JsonNodeFactory.instance.objectNode().put("monthly_calls", "lots")));
        assertThat(wrong.path("compiled").asBoolean()).isTrue();
        assertThat(wrong.has("record")).isFalse();
        assertThat(wrong.path("answerErrors").get(0).path("field").asText()).isEqualTo("monthly_calls");

        RuleSetFiles broken = SHIPPED.with(Map.of("rules/60-broken.drl", "rule \"x\" when Answer( then end"));
        JsonNode refused = worker.run(WorkerRequests.evaluate(broken, EvaluationBudget.DEFAULT, JsonNodeFactory.instance.objectNode()));
        assertThat(refused.path("compiled").asBoolean()).isFalse();
        assertThat(refused.path("errors").get(0).path("file").asText()).isEqualTo("rules/60-broken.drl");
    }
}

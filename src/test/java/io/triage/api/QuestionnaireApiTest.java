package io.triage.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.triage.security.Roles.AUDITOR;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
class QuestionnaireApiTest {

    @Test
    void servesEveryQuestionOfTheContractWithItsTypeAndConstraints() {
        JsonPath q = as(AUDITOR).when().get("/api/questionnaire")
                .then().statusCode(200)
                .body("version", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("sections.id", equalTo(List.of("outcome", "task", "cost", "latency", "maintenance", "data", "beliefs")))
                .extract().jsonPath();
        List<Map<String, Object>> questions = q.getList("sections.questions.flatten()");
        assertThat(questions).hasSize(29);
        assertThat(questions).allSatisfy(question -> {
            assertThat((String) question.get("label")).isNotBlank();
            assertThat((String) question.get("help")).isNotBlank();
        });
        Map<String, Object> calls = q.getMap("sections.questions.flatten().find { it.id == 'monthly_calls' }");
        assertThat(calls).containsEntry("type", "number").containsEntry("min", 0).containsEntry("integer", true)
                .doesNotContainKey("default");
        assertThat(((Number) calls.get("max")).longValue()).isEqualTo(10_000_000_000L);
        Map<String, Object> tokens = q.getMap("sections.questions.flatten().find { it.id == 'system_prompt_tokens' }");
        assertThat(tokens).containsEntry("default", 1000);
        Map<String, Object> frequency = q.getMap("sections.questions.flatten().find { it.id == 'content_change_frequency' }");
        assertThat(frequency.get("choices")).isEqualTo(List.of("daily", "weekly", "monthly", "yearly", "static"));
        assertThat(q.getString("sections.questions.flatten().find { it.id == 'says_train_own_model' }.type")).isEqualTo("yes_no");
    }
}

package io.triage.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.triage.security.Roles.PRESALES;

import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class DecisionApiTest {

    private static final String LORA_CASE = """
            {"answers": {"task_type": "classification", "format_consistency_critical": true,
                         "monthly_calls": 1000000, "model_hosting": "provider_api"}}""";

    @Test
    void returnsTheDecisionWithRecommendationsEvidenceCostAndTrace() {
        JsonPath decision = as(PRESALES).contentType(ContentType.JSON).body(LORA_CASE)
                .when().post("/api/decisions")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/decisions/[0-9a-f-]{36}"))
                .body("rulesetVersion", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("questionnaireVersion", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("answers.system_prompt_tokens", equalTo(1000))
                .body("defaultsApplied", hasItem("system_prompt_tokens"))
                .body("recommendations.code", containsInAnyOrder("FINE_TUNE_LORA", "VALIDATE_ON_HARD_CASES",
                        "PROVIDER_RELEASE_DEPENDENCY"))
                .body("cost.monthlyPromptCost", equalTo(5000))
                .body("cost.monthlySavingIfFineTuned", equalTo(3500))
                .extract().jsonPath();

        Map<String, Object> lora = decision.getMap("recommendations.find { it.code == 'FINE_TUNE_LORA' }");
        assertThat(lora).containsEntry("kind", "strategy").containsEntry("rule", "strategy-fine-tune-lora");
        assertThat((String) lora.get("title")).isNotBlank();
        assertThat((String) lora.get("rationale")).isNotBlank();
        // Evidence follows the "amortizes" term back to the volume and cost answers behind it, and to
        // the policy parameter the cost estimate compared the volume with.
        List<Map<String, Object>> evidence = decision.getList("recommendations.find { it.code == 'FINE_TUNE_LORA' }.evidence");
        assertThat(evidence).extracting(e -> e.get("question")).containsExactly("task_type", "format_consistency_critical",
                "monthly_calls", "system_prompt_tokens", "price_per_million_input_tokens", "fine_tune_training_cost",
                "fine_tune_cost_reduction_percent", "payback_horizon_months", null);
        assertThat(evidence.get(evidence.size() - 1)).isEqualTo(Map.of("parameter", "high_volume_calls_per_month", "value", 100000));
        assertThat(decision.getDouble("cost.breakEvenMonths")).isCloseTo(0.142857, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(decision.getMap("cost.assumptions")).containsEntry("monthly_calls", 1000000)
                .containsEntry("behavior_change_frequency", null);
        assertThat(decision.getMap("cost")).containsEntry("retrainingCostPerMonth", 0).containsEntry("netMonthlySaving", 3500)
                .containsEntry("trainingRunsOverHorizon", 1).containsEntry("amortizes", true).containsEntry("highVolume", true);
        assertThat(decision.getMap("cost.parameters")).isEqualTo(Map.of("high_volume_calls_per_month", 100000));

        List<Map<String, Object>> trace = decision.getList("trace");
        assertThat(trace).extracting(t -> t.get("rule")).startsWith("term-changes-not-answered", "cost-estimate",
                "term-amortizes", "term-high-volume", "term-narrow-task");
        assertThat(trace.get(0)).containsEntry("seq", 1);
        assertThat(decision.getList("trace[2].matched.fact")).containsExactly("CostEstimate");
        assertThat(decision.getList("trace[2].produced")).containsExactly(Map.of("fact", "Term", "name", "amortizes"));
    }

    @Test
    void talkTracksCarryWhatToAvoidAndWhatToSay() {
        JsonPath decision = as(PRESALES).contentType(ContentType.JSON)
                .body("{\"answers\": {\"believes_fine_tuning_teaches_data\": true}}")
                .when().post("/api/decisions")
                .then().statusCode(201).extract().jsonPath();
        Map<String, Object> track = decision.getMap("recommendations.find { it.code == 'TT_FINE_TUNING_SHAPES_BEHAVIOR' }");
        assertThat(track).containsEntry("kind", "talk_track");
        assertThat((String) track.get("avoid")).isNotBlank();
        assertThat((String) track.get("say")).isNotBlank();
        assertThat(decision.getList("recommendations.find { it.code == 'TT_FINE_TUNING_SHAPES_BEHAVIOR' }.evidence"))
                .containsExactly(Map.of("question", "believes_fine_tuning_teaches_data", "answer", true));
        assertThat(decision.getString("cost")).isNull();
    }

    @Test
    void sameAnswersGiveIdenticalRecommendationsAndTraceEveryTime() {
        JsonPath first = as(PRESALES).contentType(ContentType.JSON).body(LORA_CASE).post("/api/decisions").then().statusCode(201).extract().jsonPath();
        for (int i = 0; i < 5; i++) {
            JsonPath again = as(PRESALES).contentType(ContentType.JSON).body(LORA_CASE).post("/api/decisions").then().statusCode(201).extract().jsonPath();
            assertThat(again.getList("recommendations")).isEqualTo(first.getList("recommendations"));
            assertThat(again.getList("trace")).isEqualTo(first.getList("trace"));
            assertThat(again.getMap("cost")).isEqualTo(first.getMap("cost"));
            assertThat(again.getString("id")).isNotEqualTo(first.getString("id"));
        }
    }

    @Test
    void namesEveryOffendingQuestionAtOnce() {
        as(PRESALES).contentType(ContentType.JSON).body("""
                {"answers": {"task_type": "poetry", "monthly_calls": -5, "training_examples": 12.5,
                             "must_know_org_content": "yes", "system_prompt_tokens": "long",
                             "favourite_colour": "blue", "payback_horizon_months": 0,
                             "optimization_goal": 3}}""")
                .when().post("/api/decisions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", startsWith("urn:triage:problem:"))
                .body("errors", hasSize(8))
                .body("errors.field", containsInAnyOrder("task_type", "monthly_calls", "training_examples",
                        "must_know_org_content", "system_prompt_tokens", "favourite_colour",
                        "payback_horizon_months", "optimization_goal"))
                .body("errors.find { it.field == 'task_type' }.message", startsWith("'poetry' is not one of: classification"))
                .body("errors.find { it.field == 'monthly_calls' }.message", equalTo("'-5' is outside the allowed range 0 to 10000000000"))
                .body("errors.find { it.field == 'training_examples' }.message", equalTo("'12.5' is not a whole number"))
                .body("errors.find { it.field == 'must_know_org_content' }.message", equalTo("expected true or false, got 'yes'"))
                .body("errors.find { it.field == 'system_prompt_tokens' }.message", equalTo("expected a number, got 'long'"))
                .body("errors.find { it.field == 'favourite_colour' }.message", equalTo("unknown question 'favourite_colour'"))
                .body("errors.find { it.field == 'payback_horizon_months' }.code", equalTo("out_of_range"))
                .body("errors.find { it.field == 'optimization_goal' }.code", equalTo("wrong_type"));
    }

    @Test
    void rejectsABodyThatIsNotAJsonObject() {
        for (String body : List.of("[1,2]", "\"answers\"", "{not json", "")) {
            as(PRESALES).contentType(ContentType.JSON).body(body)
                    .when().post("/api/decisions")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("body"));
        }
        as(PRESALES).contentType(ContentType.JSON).body("{\"answers\": [], \"extra\": 1}")
                .when().post("/api/decisions")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("answers", "extra"));
    }

    @Test
    void acceptsWholeNumbersWrittenWithADecimalPointAndAnswersLeftNull() {
        as(PRESALES).contentType(ContentType.JSON)
                .body("{\"answers\": {\"monthly_calls\": 1000000.0, \"task_type\": null}}")
                .when().post("/api/decisions")
                .then().statusCode(201)
                .body("answers.monthly_calls", equalTo(1000000))
                .body("answers.task_type", equalTo(null));
    }
}

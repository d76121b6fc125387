package io.triage.explain;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

/** The explanation endpoints: counterfactuals and questions to ask next on stored decisions, and the preview that stores nothing. */
@QuarkusTest
class ExplainApiTest {

    private static final String LORA = """
            {"answers": {"task_type": "classification", "format_consistency_critical": true,
                         "monthly_calls": 1000000, "model_hosting": "provider_api"}}""";

    private static String decide(String body) {
        return as(PRESALES).contentType(ContentType.JSON).body(body).when().post("/api/decisions")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void whatWouldChangeGivesTheExactVolumeThresholdOnTheDecisionsOwnVersion() {
        String id = decide(LORA);
        String version = as(PRESALES).when().get("/api/decisions/" + id).then().extract().path("rulesetVersion");
        Response response = as(PRESALES).when().get("/api/decisions/" + id + "/what-would-change");
        response.then().statusCode(200)
                .header("Server-Timing", matchesPattern("search;dur=[0-9.]+"))
                .body("decisionId", equalTo(id))
                .body("rulesetVersion", equalTo(version))
                .body("complete", equalTo(true))
                .body("codesNow", hasItem("FINE_TUNE_LORA"));
        JsonPath json = response.jsonPath();
        List<Map<String, Object>> changes = json.getList("codes.find { it.code == 'FINE_TUNE_LORA' }.changes");
        assertThat(changes).anySatisfy(c -> {
            assertThat(c).containsEntry("question", "monthly_calls").containsEntry("direction", "below")
                    .containsEntry("effect", "removes").containsEntry("threshold", 100000).containsEntry("to", 99999);
        });
        // the auditor gets the same answer, computed again: deterministic
        String again = as(AUDITOR).when().get("/api/decisions/" + id + "/what-would-change").then().statusCode(200).extract().asString();
        assertThat(again).isEqualTo(response.asString());
    }

    @Test
    void askNextListsQuestionsWhoseAnswerChangesTheStrategy() {
        String id = decide("{\"answers\": {\"task_type\": \"classification\", \"format_consistency_critical\": true}}");
        JsonPath json = as(PRESALES).when().get("/api/decisions/" + id + "/ask-next").then().statusCode(200)
                .body("questions.question", hasItem("monthly_calls")).extract().jsonPath();
        assertThat(json.getList("questions.question")).doesNotContain("task_type", "format_consistency_critical");
        assertThat(json.getList("questions.find { it.question == 'monthly_calls' }.outcomes.adds.flatten()"))
                .contains("FINE_TUNE_LORA");
    }

    @Test
    void unknownDecisionIsNotFound() {
        as(PRESALES).when().get("/api/decisions/00000000-0000-0000-0000-000000000000/what-would-change").then().statusCode(404);
        as(AUDITOR).when().get("/api/decisions/00000000-0000-0000-0000-000000000000/ask-next").then().statusCode(404);
    }

    @Test
    void previewEvaluatesLikeADecisionAndStoresNothing() {
        int before = as(AUDITOR).when().get("/api/audit/chain").then().statusCode(200).extract().path("records");
        JsonPath preview = as(PRESALES).contentType(ContentType.JSON).body(LORA).when().post("/api/decisions/preview")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .body("preview", equalTo(true)).body("stored", equalTo(false))
                .body("recommendations.code", hasItem("FINE_TUNE_LORA"))
                .body("cost.monthlyPromptCost", equalTo(5000))
                .extract().jsonPath();
        assertThat(preview.getMap("$")).doesNotContainKeys("id", "recordHash", "previousHash", "createdAt", "submittedBy");
        int after = as(AUDITOR).when().get("/api/audit/chain").then().statusCode(200).extract().path("records");
        assertThat(after).as("no record appended").isEqualTo(before);
        // and it says exactly what the decision then says
        String id = decide(LORA);
        List<Object> stored = as(PRESALES).when().get("/api/decisions/" + id).then().extract().jsonPath().getList("recommendations");
        assertThat(preview.getList("recommendations")).isEqualTo(stored);
    }

    @Test
    void previewWithABadAnswerIsAProblemNamingTheField() {
        as(PRESALES).contentType(ContentType.JSON).body("{\"answers\": {\"monthly_calls\": -5}}")
                .when().post("/api/decisions/preview")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("monthly_calls"));
        as(PRESALES).contentType(ContentType.JSON).body("{\"answers\": {\"no_such_question\": 1}}")
                .when().post("/api/decisions/preview")
                .then().statusCode(400).body("errors.field", hasItem("no_such_question"));
    }

    @Test
    void previewIsRateLimitedPerUser() throws InterruptedException {
        int limited = 0;
        String retryAfter = null;
        for (int i = 0; i < 60 && limited == 0; i++) {
            Response r = as(PRESALES).contentType(ContentType.JSON).body("{\"answers\": {}}").when().post("/api/decisions/preview");
            if (r.statusCode() == 429) {
                limited++;
                retryAfter = r.header("Retry-After");
                assertThat(r.contentType()).startsWith("application/problem+json");
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        assertThat(limited).as("a burst of previews is refused past the limit").isEqualTo(1);
        assertThat(Integer.parseInt(retryAfter)).isPositive();
        // the auditor is someone else: not limited by presales' previews (and not allowed to preview at all)
        as(AUDITOR).contentType(ContentType.JSON).body("{\"answers\": {}}").when().post("/api/decisions/preview").then().statusCode(403);
        Thread.sleep(Integer.parseInt(retryAfter) * 1000L + 200);
        as(PRESALES).contentType(ContentType.JSON).body("{\"answers\": {}}").when().post("/api/decisions/preview").then().statusCode(200);
    }
}

package io.triage.policy;

import static io.triage.testing.RuleFixtures.BROKEN_RULE;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

/** A policy owner's round trip through the API: upload, refuse, activate, impact, roll back. */
@QuarkusTest
class RuleSetLifecycleTest {

    static final String BATCH_RULE = """
            package rules;
            import io.triage.facts.Answer;
            import io.triage.facts.Recommendation;

            rule "Very long prompts slow batch runs too"
                @id("caution-very-long-batch-prompt") @source("Triage tests")
                salience 400
            when
                Answer(question == "interaction_mode", text == "batch")
                Answer(question == "system_prompt_tokens", number >= 10000)
            then
                insert(new Recommendation("LONG_PROMPT_LATENCY"));
            end
            """;
    static final String BATCH_CASE = """
            description: A 20,000-token prompt slows even batch processing.
            answers: { interaction_mode: batch, system_prompt_tokens: 20000 }
            expect:
              present: [LONG_PROMPT_LATENCY]
              rules: [caution-very-long-batch-prompt]
            """;

    static String activeVersion() {
        return as(PRESALES).when().get("/api/rulesets/active").then().statusCode(200).extract().path("version");
    }

    static JsonPath upload(Map<String, String> files, int status) {
        return as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("files", files))
                .when().post("/api/rulesets").then().statusCode(status).extract().jsonPath();
    }

    static void activate(String version) {
        as(POLICY_OWNER).contentType(ContentType.JSON).when().post("/api/rulesets/" + version + "/activate").then().statusCode(200);
    }

    @Test
    void aRuleThatDoesNotCompileIsRefusedWithItsLineAndTheActiveVersionStays() {
        String before = activeVersion();
        JsonPath refused = upload(Map.of("99-broken.drl", BROKEN_RULE), 422);
        assertThat(refused.getString("type")).endsWith("rule-set-refused");
        assertThat(refused.getList("errors", Map.class)).anySatisfy(e -> {
            assertThat(e.get("file")).isEqualTo("rules/99-broken.drl");
            assertThat(e.get("line")).isEqualTo(7);
        });
        assertThat(refused.getBoolean("report.compiled")).isFalse();
        assertThat(activeVersion()).isEqualTo(before);
    }

    @Test
    void anUnsafeRuleIsRefusedBeforeCompiling() {
        JsonPath refused = upload(Map.of("rules/99-exit.drl", """
                package rules;
                import io.triage.facts.Answer;
                rule "Exit"
                    @id("exit") @source("Triage tests")
                when
                    Answer(question == "task_type")
                then
                    System.exit(0);
                end
                """), 422);
        assertThat(refused.getString("errors[0].code")).isEqualTo("not_in_rule_language");
        assertThat(refused.getInt("errors[0].line")).isEqualTo(8);
        assertThat(refused.getString("errors[0].message")).contains("'System' is not available to rules");
    }

    @Test
    void aCandidateThatBreaksAGoldenCaseIsKeptForTheRecordButCannotBeActivated() {
        String before = activeVersion();
        String strategies = as(POLICY_OWNER).when().get("/api/rulesets/" + before + "/source")
                .then().statusCode(200).extract().path("files.'rules/20-strategies.drl'");
        String noRagForPolicies = strategies.replace(
                "    Answer(question == \"must_know_org_content\", yes)\n    or Answer(question == \"optimization_goal\"",
                "    Answer(question == \"optimization_goal\"");
        JsonPath candidate = upload(Map.of("rules/20-strategies.drl", noRagForPolicies), 201);
        String version = candidate.getString("version");
        assertThat(candidate.getBoolean("passed")).isFalse();
        assertThat(candidate.getBoolean("report.compiled")).isTrue();
        List<Map<String, Object>> failed = candidate.getList("report.cases.results.findAll { !it.passed }");
        assertThat(failed).extracting(c -> c.get("name")).contains("rag-when-model-must-know-policies");
        assertThat(candidate.getList("report.cases.results.find { it.name == 'rag-when-model-must-know-policies' }.failures", String.class))
                .anySatisfy(f -> assertThat(f).startsWith("expected RAG to be recommended; got"));

        as(POLICY_OWNER).contentType(ContentType.JSON).when().post("/api/rulesets/" + version + "/activate")
                .then().statusCode(409).body("detail", containsString("did not pass validation"));
        assertThat(activeVersion()).isEqualTo(before);
        as(AUDITOR).when().get("/api/rulesets").then().statusCode(200)
                .body("find { it.version == '" + version + "' }.passed", equalTo(false));
    }

    @Test
    void aRuleNoGoldenCaseFiresIsRefusedAsUncovered() {
        JsonPath candidate = upload(Map.of("rules/60-batch.drl", BATCH_RULE), 201);
        assertThat(candidate.getBoolean("passed")).isFalse();
        assertThat(candidate.getList("report.coverage.uncovered")).containsExactly("caution-very-long-batch-prompt");
        assertThat(candidate.getInt("report.cases.failed")).isZero();
    }

    @Test
    void impactActivationAndRollback() throws InterruptedException {
        String before = activeVersion();
        String affected = as(PRESALES).contentType(ContentType.JSON)
                .body("{\"answers\": {\"interaction_mode\": \"batch\", \"system_prompt_tokens\": 25000}}")
                .when().post("/api/decisions").then().statusCode(201).extract().path("id");
        String unaffected = as(PRESALES).contentType(ContentType.JSON)
                .body("{\"answers\": {\"interaction_mode\": \"batch\", \"system_prompt_tokens\": 2000}}")
                .when().post("/api/decisions").then().statusCode(201).extract().path("id");

        JsonPath candidate = upload(Map.of("rules/60-batch.drl", BATCH_RULE, "very-long-batch-prompt.yaml", BATCH_CASE), 201);
        String version = candidate.getString("version");
        assertThat(candidate.getBoolean("passed")).as(candidate.prettify()).isTrue();
        assertThat(candidate.getList("files")).contains("rules/60-batch.drl", "test-cases/very-long-batch-prompt.yaml");
        upload(Map.of("rules/60-batch.drl", BATCH_RULE, "very-long-batch-prompt.yaml", BATCH_CASE), 200);

        // the analysis answers at once with a background job; its report is the job's result once done
        String job = as(POLICY_OWNER).contentType(ContentType.JSON).when().post("/api/rulesets/" + version + "/impact")
                .then().statusCode(202).extract().header("Location");
        JsonPath impact = finished(job);
        assertThat(impact.getString("activeVersion")).isEqualTo(before);
        assertThat(impact.getLong("replayed")).isGreaterThanOrEqualTo(2);
        assertThat(impact.getLong("codesChanged")).isGreaterThanOrEqualTo(1);
        assertThat(impact.getMap("added")).containsKey("LONG_PROMPT_LATENCY");
        assertThat(impact.getList("decisions.decisionId")).contains(affected).doesNotContain(unaffected);
        assertThat(impact.getList("decisions.find { it.decisionId == '" + affected + "' }.codesAdded"))
                .containsExactly("LONG_PROMPT_LATENCY");

        activate(version);
        assertThat(activeVersion()).isEqualTo(version);
        as(PRESALES).contentType(ContentType.JSON)
                .body("{\"answers\": {\"interaction_mode\": \"batch\", \"system_prompt_tokens\": 25000}}")
                .when().post("/api/decisions").then().statusCode(201)
                .body("rulesetVersion", equalTo(version))
                .body("recommendations.code", hasItem("LONG_PROMPT_LATENCY"));
        // the earlier decision still replays on the version that made it
        as(AUDITOR).contentType(ContentType.JSON).when().post("/api/decisions/" + affected + "/replay").then().statusCode(200).body("matches", equalTo(true));

        // rolling back is activating the earlier version again
        activate(before);
        assertThat(activeVersion()).isEqualTo(before);
        JsonPath activations = as(AUDITOR).when().get("/api/rulesets/activations").then().statusCode(200).extract().jsonPath();
        assertThat(activations.getString("[0].version")).isEqualTo(before);
        assertThat(activations.getString("[0].previousVersion")).isEqualTo(version);
        assertThat(activations.getString("[0].activatedBy")).isEqualTo(POLICY_OWNER);
        assertThat(activations.getString("[1].version")).isEqualTo(version);
        assertThat(activations.getString("[1].previousVersion")).isEqualTo(before);
        assertThat(activations.getString("[1].activatedAt")).matches("\\d{4}-.*Z");
    }

    @Test
    void unknownVersionsAreNotFoundAndTheActiveOneListsItsFilesAndRules() {
        as(POLICY_OWNER).contentType(ContentType.JSON).when().post("/api/rulesets/sha256:" + "0".repeat(64) + "/activate").then().statusCode(404);
        as(PRESALES).when().get("/api/rulesets/active").then().statusCode(200)
                .body("version", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("files", hasItem("rules/20-strategies.drl"))
                .body("rules", hasItem("strategy-rag"));
        upload(Map.of("x/evil.drl", "rule"), 400);
    }

    private static JsonPath finished(String job) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            JsonPath state = as(POLICY_OWNER).when().get(job).then().statusCode(200).extract().jsonPath();
            if (state.getString("finishedAt") != null) {
                assertThat(state.getString("state")).as(state.prettify()).isEqualTo("succeeded");
                return new JsonPath(state.prettify()).setRootPath("result");
            }
            assertThat(System.nanoTime()).as("the impact job finishes within two minutes").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}

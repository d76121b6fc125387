package io.triage.workbench;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workbench through the API: a change carries its note into the history, the activation record
 * and the comparison of versions; two versions compare file by file and in words; impact analysis
 * and replaying the log run as background jobs with progress, cancel and a kept result.
 */
@QuarkusTest
class NotesDiffsAndJobsTest {

    static final String NOTE = "Interactive users notice a 1,200-token prompt already (pilot feedback, ticket 42).";

    @Test
    void aNoteTravelsWithItsVersionIntoTheHistoryTheActivationAndTheDiff() throws Exception {
        String before = activeVersion();
        // the threshold is a policy parameter (policy v2): the change is one value in rules/parameters.yaml
        String parameters = Files.readString(Path.of("rules/parameters.yaml")).replace("value: 1500", "value: 1200");
        String shortPrompt = """
                description: A 1,199-token prompt stays under the threshold.
                answers: { interaction_mode: interactive, system_prompt_tokens: 1199 }
                expect:
                  absent: [LONG_PROMPT_LATENCY]
                """;
        JsonPath created = as(POLICY_OWNER).contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("rules/parameters.yaml", parameters,
                        "test-cases/no-long-prompt-latency-for-short-prompt.yaml", shortPrompt), "note", NOTE))
                .when().post("/api/rulesets").then().statusCode(201).extract().jsonPath();
        String version = created.getString("version");
        assertThat(created.getBoolean("passed")).isTrue();
        assertThat(created.getList("notes.note")).containsExactly(NOTE);
        assertThat(created.getList("notes.by")).containsExactly(POLICY_OWNER);

        List<Map<String, Object>> listed = as(AUDITOR).when().get("/api/rulesets").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(listed).filteredOn(v -> version.equals(v.get("version"))).singleElement()
                .satisfies(v -> assertThat(v.get("note")).isEqualTo(NOTE));

        JsonPath diff = as(AUDITOR).when().get("/api/rulesets/" + version + "/diff?against=" + before)
                .then().statusCode(200).extract().jsonPath();
        assertThat(diff.getString("version")).isEqualTo(version);
        assertThat(diff.getString("against")).isEqualTo(before);
        assertThat(diff.getList("files.path")).containsExactly("rules/parameters.yaml",
                "test-cases/no-long-prompt-latency-for-short-prompt.yaml");
        assertThat(diff.getList("files[0].changes").toString()).contains("long_prompt_tokens › value: 1500 → 1200");
        assertThat(diff.getString("files[0].unified")).contains("-    value: 1500").contains("+    value: 1200");
        assertThat(diff.getList("files[0].hunks[0].lines.kind")).contains("context", "removed", "added");
        assertThat(diff.getList("files[1].changes").toString()).contains("answers › system_prompt_tokens: 1499 → 1199");
        assertThat(diff.getList("notes.'" + version + "'.note")).containsExactly(NOTE);
        assertThat(diff.getString("links.impact")).isEqualTo("/api/rulesets/" + version + "/impact");
        // without 'against' the active version is the base
        assertThat(as(POLICY_OWNER).when().get("/api/rulesets/" + version + "/diff").then().statusCode(200)
                .extract().jsonPath().getString("against")).isEqualTo(before);
        as(POLICY_OWNER).when().get("/api/rulesets/" + version + "/diff?against=sha256:" + "1".repeat(64)).then().statusCode(404);

        try {
            as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("note", "Approved in the policy board of 3 March."))
                    .when().post("/api/rulesets/" + version + "/activate").then().statusCode(200);
            JsonPath activations = as(AUDITOR).when().get("/api/rulesets/activations").then().statusCode(200).extract().jsonPath();
            assertThat(activations.getString("[0].version")).isEqualTo(version);
            assertThat(activations.getString("[0].note")).isEqualTo("Approved in the policy board of 3 March.");
            assertThat(activations.getString("[0].versionNote")).isEqualTo(NOTE);
            assertThat(activations.getString("[0].activatedBy")).isEqualTo(POLICY_OWNER);
        } finally {
            as(POLICY_OWNER).contentType(ContentType.JSON).when().post("/api/rulesets/" + before + "/activate").then().statusCode(200);
        }
    }

    @Test
    void aNoteThatIsNotPlainTextOrTooLongIsRefusedAndNothingIsStored() {
        int versions = as(AUDITOR).when().get("/api/rulesets").then().extract().jsonPath().getList("$").size();
        Response control = as(POLICY_OWNER).contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("test-cases/unused.yaml", "description: x\nanswers: {}\nexpect:\n  absent: [RAG]\n"),
                        "note", "bell\u0007"))
                .when().post("/api/rulesets");
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(control.jsonPath().getString("errors[0].field")).isEqualTo("note");
        as(POLICY_OWNER).contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("test-cases/unused.yaml", "x"), "note", "n".repeat(2001)))
                .when().post("/api/rulesets").then().statusCode(400);
        as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .when().post("/api/rulesets/" + activeVersion() + "/activate").then().statusCode(400);
        assertThat(as(AUDITOR).when().get("/api/rulesets").then().extract().jsonPath().getList("$")).hasSize(versions);
    }

    @Test
    void impactAndReplayRunAsJobsThatReportProgressAndKeepTheirResult() throws Exception {
        // this test's own decisions: other tests of this application store decisions on other versions
        String from = java.time.Instant.now().minusSeconds(1).toString();
        for (int i = 0; i < 3; i++) {
            as(PRESALES).contentType(ContentType.JSON).body(Map.of("answers", Map.of("interaction_mode", "interactive",
                    "system_prompt_tokens", 1300 + i))).when().post("/api/decisions").then().statusCode(201);
        }
        long stored = as(AUDITOR).contentType(ContentType.JSON).queryParam("from", from).when().post("/api/audit/replay")
                .then().statusCode(200).extract().jsonPath().getLong("replayed");
        assertThat(stored).isEqualTo(3);
        String version = activeVersion();

        Response started = as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("kind", "impact", "version", version, "from", from))
                .when().post("/api/jobs");
        assertThat(started.statusCode()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).matches("/api/jobs/[0-9a-f-]{36}");
        assertThat(started.jsonPath().getString("state")).isIn("queued", "running");
        assertThat(started.jsonPath().getString("against")).isEqualTo(version);

        JsonPath done = waitUntilFinished(location, POLICY_OWNER);
        assertThat(done.getString("state")).isEqualTo("succeeded");
        assertThat(done.getLong("progress.done")).isEqualTo(stored);
        assertThat(done.getLong("progress.total")).isEqualTo(stored);
        assertThat(done.getLong("result.replayed")).isEqualTo(stored);
        assertThat(done.getLong("result.changed")).isZero();
        // kept: readable later, by auditors too, and listed with its version
        assertThat(as(AUDITOR).when().get(location).then().statusCode(200).extract().jsonPath().getLong("result.replayed")).isEqualTo(stored);
        assertThat(as(POLICY_OWNER).when().get("/api/jobs?kind=impact&version=" + version).then().statusCode(200)
                .extract().jsonPath().getList("id")).contains(location.substring("/api/jobs/".length()));
        // finished: nothing to cancel
        as(POLICY_OWNER).contentType(ContentType.JSON).body("{}").when().post(location + "/cancel").then().statusCode(409);

        // the log's replay is the auditors'
        as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("kind", "replay")).when().post("/api/jobs").then().statusCode(403);
        Response replay = as(AUDITOR).contentType(ContentType.JSON).body(Map.of("kind", "replay")).when().post("/api/jobs");
        assertThat(replay.statusCode()).isEqualTo(202);
        JsonPath replayed = waitUntilFinished(replay.header("Location"), AUDITOR);
        assertThat(replayed.getString("state")).isEqualTo("succeeded");
        assertThat(replayed.getLong("result.replayed")).isGreaterThanOrEqualTo(stored);
        assertThat(replayed.getLong("result.mismatched")).isZero();
        as(POLICY_OWNER).when().get(replay.header("Location")).then().statusCode(403);

        // bad requests change nothing
        as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("kind", "impact")).when().post("/api/jobs").then().statusCode(400);
        as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("kind", "impact", "version", version, "from", "yesterday"))
                .when().post("/api/jobs").then().statusCode(400);
        as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("kind", "impact", "version", "sha256:" + "2".repeat(64)))
                .when().post("/api/jobs").then().statusCode(404);
    }

    @Test
    void aRunningImpactJobCanBeCancelled() throws Exception {
        String version = activeVersion();
        Response started = as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("kind", "impact", "version", version))
                .when().post("/api/jobs");
        assertThat(started.statusCode()).isEqualTo(202);
        String location = started.header("Location");
        Response cancel = as(POLICY_OWNER).contentType(ContentType.JSON).body("{}").when().post(location + "/cancel");
        assertThat(cancel.statusCode()).isEqualTo(202);
        assertThat(cancel.jsonPath().getBoolean("cancelRequested")).isTrue();
        JsonPath ended = waitUntilFinished(location, POLICY_OWNER);
        assertThat(ended.getString("state")).isEqualTo("cancelled");
        assertThat(ended.getString("error")).isEqualTo("cancelled by request");
        assertThat((Object) ended.get("result")).isNull();
    }

    @Test
    void aQuestionnaireIsTriedOnAVersionBesideTheActiveOneAndNothingIsStored() throws Exception {
        String active = activeVersion();
        String parameters = Files.readString(Path.of("rules/parameters.yaml")).replace("value: 1500", "value: 1100");
        String version = as(POLICY_OWNER).contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("rules/parameters.yaml", parameters)))
                .when().post("/api/rulesets").then().extract().path("version");
        String decision = as(PRESALES).contentType(ContentType.JSON).body(Map.of("answers", Map.of("interaction_mode", "interactive",
                "system_prompt_tokens", 1150))).when().post("/api/decisions").then().statusCode(201).extract().path("id");
        long decisions = as(AUDITOR).contentType(ContentType.JSON).when().post("/api/audit/replay").then().extract().jsonPath().getLong("replayed");

        JsonPath tried = as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("decision", decision))
                .when().post("/api/rulesets/" + version + "/try").then().statusCode(200).extract().jsonPath();
        assertThat(tried.getString("version")).isEqualTo(version);
        assertThat(tried.getString("activeVersion")).isEqualTo(active);
        assertThat(tried.getMap("answers")).containsEntry("system_prompt_tokens", 1150).containsEntry("interaction_mode", "interactive");
        assertThat(tried.getList("onlyCandidate")).containsExactly("LONG_PROMPT_LATENCY");
        assertThat(tried.getList("onlyActive")).isEmpty();
        assertThat(tried.getList("candidate.record.recommendations.code")).contains("LONG_PROMPT_LATENCY");
        assertThat(tried.getList("candidate.record.trace.rule")).contains("caution-long-prompt-latency");
        assertThat(tried.getString("candidate.record.rulesetVersion")).isEqualTo(version);
        assertThat(tried.getList("active.record.recommendations.code")).doesNotContain("LONG_PROMPT_LATENCY");

        JsonPath typed = as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("answers", Map.of("system_prompt_tokens", "many")))
                .when().post("/api/rulesets/" + version + "/try").then().statusCode(200).extract().jsonPath();
        assertThat(typed.getString("candidate.answerErrors[0].field")).isEqualTo("system_prompt_tokens");
        assertThat((Object) typed.get("candidate.record")).isNull();
        as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("answers", Map.of(), "decision", decision))
                .when().post("/api/rulesets/" + version + "/try").then().statusCode(400);
        as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("decision", "no-such-decision"))
                .when().post("/api/rulesets/" + version + "/try").then().statusCode(404);
        assertThat(as(AUDITOR).contentType(ContentType.JSON).when().post("/api/audit/replay").then().extract().jsonPath().getLong("replayed"))
                .as("trying stores no decision").isEqualTo(decisions);
    }

    static JsonPath waitUntilFinished(String location, String role) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (true) {
            JsonPath job = as(role).when().get(location).then().statusCode(200).extract().jsonPath();
            if (List.of("succeeded", "failed", "cancelled").contains(job.getString("state"))) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + location + " did not finish: " + job.prettify());
            }
            Thread.sleep(200);
        }
    }

    static String activeVersion() {
        return as(PRESALES).when().get("/api/rulesets/active").then().statusCode(200).extract().path("version");
    }
}

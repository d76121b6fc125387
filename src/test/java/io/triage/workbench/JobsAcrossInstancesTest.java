package io.triage.workbench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.triage.history.Job;
import io.triage.store.JobStore;
import io.triage.testing.PostgresProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL, with a second instance on its own connection: a job started on one instance shows
 * its state on the other, a cancel asked for on the other stops it, a job whose instance went
 * silent is ended as failed, and notes are kept like the history they explain.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class JobsAcrossInstancesTest {

    private static JobStore instanceB() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(config("triage.db.url"));
        ds.setUser(config("triage.db.user"));
        ds.setPassword(config("triage.db.password"));
        ds.setApplicationName("triage-instance-b");
        return new JobStore(ds);
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    @Test
    void aJobStartedHereIsSeenAndCancelledFromAnotherInstance() throws Exception {
        String version = NotesDiffsAndJobsTest.activeVersion();
        // a decision to replay: an analysis of an empty log ends at once, before anyone could cancel it
        as(PRESALES).contentType(ContentType.JSON).body(Map.of("answers", Map.of("interaction_mode", "interactive",
                "system_prompt_tokens", 1300))).when().post("/api/decisions").then().statusCode(201);
        Response started = as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("kind", "impact", "version", version))
                .when().post("/api/jobs");
        assertThat(started.statusCode()).isEqualTo(202);
        String id = started.jsonPath().getString("id");

        JobStore b = instanceB();
        Job seen = b.find(id).orElseThrow();
        assertThat(seen.kind()).isEqualTo("impact");
        assertThat(seen.version()).isEqualTo(version);
        assertThat(seen.createdBy()).isEqualTo(POLICY_OWNER);
        assertThat(b.requestCancel(id)).isTrue();

        JsonPath ended = NotesDiffsAndJobsTest.waitUntilFinished("/api/jobs/" + id, POLICY_OWNER);
        assertThat(ended.getString("state")).isEqualTo("cancelled");
        assertThat(b.find(id).orElseThrow().state()).isEqualTo("cancelled");
        assertThat(b.requestCancel(id)).as("a finished job stays as it ended").isFalse();
    }

    @Test
    void aJobWhoseInstanceWentSilentEndsAsFailedAndAFinishedJobKeepsItsResult() throws Exception {
        JobStore b = instanceB();
        String orphan = UUID.randomUUID().toString();
        b.create(orphan, "replay", null, null, null, Instant.parse("2026-01-01T00:00:00Z"), AUDITOR);
        b.start(orphan, 10);
        assertThat(b.abandon(Instant.now().plusSeconds(1), "the instance running it stopped before it finished")).isPositive();
        JsonPath job = as(AUDITOR).when().get("/api/jobs/" + orphan).then().statusCode(200).extract().jsonPath();
        assertThat(job.getString("state")).isEqualTo("failed");
        assertThat(job.getString("error")).contains("stopped before it finished");
        assertThat(job.getString("to")).isEqualTo("2026-01-01T00:00:00Z");

        Response replay = as(AUDITOR).contentType(ContentType.JSON).body(Map.of("kind", "replay")).when().post("/api/jobs");
        JsonPath done = NotesDiffsAndJobsTest.waitUntilFinished(replay.header("Location"), AUDITOR);
        assertThat(done.getString("state")).isEqualTo("succeeded");
        Job kept = b.find(done.getString("id")).orElseThrow();
        assertThat(kept.result()).contains("\"replayed\"");
        assertThat(kept.finishedAt()).isNotNull();

        // notes live in the same database, append-only
        String version = as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("files", Map.of("test-cases/pg-note.yaml",
                        "description: Policy knowledge is a retrieval problem.\nanswers: { must_know_org_content: true }\nexpect:\n  present: [RAG]\n"),
                        "note", "Checked on PostgreSQL."))
                .when().post("/api/rulesets").then().statusCode(201).extract().path("version");
        assertThat(as(AUDITOR).when().get("/api/rulesets/" + version).then().extract().jsonPath().getList("notes.note"))
                .containsExactly("Checked on PostgreSQL.");
    }
}

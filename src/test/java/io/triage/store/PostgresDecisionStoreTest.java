package io.triage.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.triage.testing.PostgresProfile;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static io.triage.security.Roles.AUDITOR;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The store contract on a real PostgreSQL server, and what only a real server can show. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class PostgresDecisionStoreTest extends DecisionStoreContract {

    /**
     * A write held up past the acknowledgement time (here: the table locked against writes by another session) is
     * not answered "not stored", since it may yet be: the answer names the decision, which does
     * appear once the lock goes, and the retry with the same key gets it rather than a second one.
     */
    @Test
    void aWriteHeldUpPastTheAcknowledgementIsAnsweredAsUnknownNeverAsNotStored() throws Exception {
        String key = "held-" + UUID.randomUUID();
        Response held;
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE decisions IN EXCLUSIVE MODE");
            }
            held = decideWithKey(key, "{\"task_type\": \"summarization\"}");
            c.commit();
        }
        held.then().statusCode(202).body("outcome", equalTo("unknown"));
        String id = held.path("id");
        assertThat(held.header("Location")).isEqualTo("/api/decisions/" + id);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && (status = as(AUDITOR).when().get("/api/decisions/" + id).statusCode()) != 200) {
            Thread.sleep(100);
        }
        assertThat(status).as("the held decision was stored after all").isEqualTo(200);
        decideWithKey(key, "{\"task_type\": \"summarization\"}").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id));
    }
}

package io.triage.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.triage.testing.PostgresProfile;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
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
     * A decision's row stays whole in the table: moved out into the TOAST table, every decision would
     * be written to two tables and one more index, and read back from both.
     */
    @Test
    void decisionsStayInTheirRowsNotInTheToastTable() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            String toast;
            try (ResultSet rs = s.executeQuery("SELECT array_to_string(reloptions, ','), reltoastrelid::regclass::text"
                    + " FROM pg_class WHERE relname = 'decisions'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("toast_tuple_target=8160");
                toast = rs.getString(2);
            }
            long before = toastedValues(s, toast);
            for (int i = 0; i < 20; i++) {
                submit("{\"must_know_org_content\": true, \"monthly_calls\": " + (1000 + i) + ", \"data_classification\": \"classified\","
                        + " \"believes_lora_adds_knowledge\": true, \"says_train_own_model\": true}");
            }
            assertThat(toastedValues(s, toast)).isEqualTo(before);
        }
    }

    private static long toastedValues(Statement s, String toast) throws java.sql.SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(DISTINCT chunk_id) FROM " + toast)) {
            rs.next();
            return rs.getLong(1);
        }
    }

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

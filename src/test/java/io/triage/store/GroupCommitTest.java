package io.triage.store;

import io.triage.history.HashChain;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The log's writer groups concurrent decisions into one commit, and never holds back a lone one. */
class GroupCommitTest {

    private final List<DecisionLog> logs = new ArrayList<>();
    private final List<ExecutorService> pools = new ArrayList<>();
    private final JdbcConnectionPool db = JdbcConnectionPool.create(
            "jdbc:h2:mem:group-commit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "triage", "");

    GroupCommitTest() {
        Flyway.configure().dataSource(db).locations("classpath:db/h2").load().migrate();
    }

    @AfterEach
    void close() {
        pools.forEach(ExecutorService::shutdownNow);
        logs.forEach(log -> log.onStop(null));
        db.dispose();
    }

    private DecisionLog log(Duration groupCommitWait) {
        DecisionLog log = new DecisionLog(db, false, Duration.ofSeconds(60), groupCommitWait);
        logs.add(log);
        return log;
    }

    private static NewDecision decision() {
        String id = UUID.randomUUID().toString();
        return new NewDecision(id, Instant.now().truncatedTo(ChronoUnit.MILLIS), "presales", "sha256:r", "sha256:q",
                List.of("RAG"), ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void aDecisionNobodyElseIsPreparingIsCommittedAtOnce() {
        DecisionLog log = log(Duration.ofSeconds(20));

        long start = System.nanoTime();
        log.append(decision());
        try (DecisionLog.Expected expected = log.expect()) {
            log.append(decision(), expected);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(log.writerState().commits()).isEqualTo(2);
    }

    @Test
    void aDecisionStillBeingPreparedJoinsTheCommitOfTheOneBeforeIt() throws Exception {
        DecisionLog log = log(Duration.ofSeconds(10));
        DecisionLog.Expected second = log.expect();
        Future<DecisionLog.Appended> first = background(() -> log.append(decision()));

        Thread.sleep(300);
        assertThat(first).isNotDone();
        log.append(decision(), second);

        assertThat(first.get(10, TimeUnit.SECONDS).decision().seq()).isEqualTo(1);
        assertThat(log.writerState().commits()).isEqualTo(1);
        assertThat(log.writerState().decisions()).isEqualTo(2);
        assertLinearChain(2);
    }

    @Test
    void aPreparationThatIsAbandonedStopsTheWait() throws Exception {
        DecisionLog log = log(Duration.ofSeconds(20));
        DecisionLog.Expected abandoned = log.expect();
        long start = System.nanoTime();
        Future<DecisionLog.Appended> waiting = background(() -> log.append(decision()));

        Thread.sleep(300);
        abandoned.close();

        waiting.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertLinearChain(1);
    }

    private <T> Future<T> background(java.util.concurrent.Callable<T> task) {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pools.add(pool);
        return pool.submit(task);
    }

    private void assertLinearChain(int records) throws SQLException {
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT seq, previous_hash, record_hash FROM decisions ORDER BY seq")) {
            String previous = HashChain.GENESIS;
            int seq = 0;
            while (rs.next()) {
                assertThat(rs.getLong(1)).isEqualTo(++seq);
                assertThat(rs.getString(2)).isEqualTo(previous);
                previous = rs.getString(3);
            }
            assertThat(seq).isEqualTo(records);
        }
    }
}

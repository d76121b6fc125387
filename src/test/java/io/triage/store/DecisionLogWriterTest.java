package io.triage.store;

import io.triage.history.HashChain;
import io.triage.history.RequestKey;
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

/**
 * The log's single writer on a real H2 database, without the service: what it reports about its
 * commits (shown in /api/status), and that decisions arriving together still form one chain.
 */
class DecisionLogWriterTest {

    private final JdbcConnectionPool db = JdbcConnectionPool.create(
            "jdbc:h2:mem:writer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "triage", "");
    private final DecisionLog log;

    DecisionLogWriterTest() {
        Flyway.configure().dataSource(db).locations("classpath:db/h2").load().migrate();
        log = new DecisionLog(db, false, Duration.ofSeconds(60));
    }

    @AfterEach
    void close() {
        log.onStop(null);
        db.dispose();
    }

    private static NewDecision decision() {
        return decision("presales", null);
    }

    private static NewDecision decision(String by, RequestKey key) {
        String id = UUID.randomUUID().toString();
        return new NewDecision(id, Instant.now().truncatedTo(ChronoUnit.MILLIS), by, "sha256:r", "sha256:q",
                List.of("RAG"), ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), key);
    }

    @Test
    void countsEachCommitAndTheDecisionsInIt() {
        log.append(decision());
        log.append(decision());

        assertThat(log.writerState().commits()).isEqualTo(2);
        assertThat(log.writerState().decisions()).isEqualTo(2);
    }

    @Test
    void decisionsArrivingTogetherShareCommitsAndFormOneChain() throws Exception {
        int callers = 24;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                done.add(pool.submit(() -> {
                    for (int n = 0; n < 10; n++) {
                        log.append(decision());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        DecisionLog.WriterState state = log.writerState();
        assertThat(state.decisions()).isEqualTo(callers * 10L);
        assertThat(state.commits()).isBetween(1L, callers * 10L);
        assertLinearChain(callers * 10);
    }

    /**
     * Many keyed requests of several people in the writer's batches at once: a key used before by the
     * same person gets the decision stored then (or is refused, for a different request); the same
     * key of someone else, and every new key, gets a new decision.
     */
    @Test
    void keysUsedBeforeAreFoundAmongManyNewOnesOfSeveralPeopleInOneBatch() throws Exception {
        keysUsedBeforeAreFoundAmongManyNewOnes(log);
        assertLinearChain(2 + 120 + 1);
    }

    /** Also run on PostgreSQL, whose lookup has another shape ({@link DecisionLogAcrossInstancesTest}). */
    static void keysUsedBeforeAreFoundAmongManyNewOnes(DecisionLog log) throws Exception {
        String first = log.append(decision("presales", new RequestKey("used", "sha256:a"))).decision().id();
        String other = log.append(decision("auditor", new RequestKey("other-used", "sha256:b"))).decision().id();

        int requests = 120;
        ExecutorService pool = Executors.newFixedThreadPool(24);
        List<Future<DecisionLog.Appended>> fresh = new ArrayList<>();
        List<Future<DecisionLog.Appended>> repeated = new ArrayList<>();
        List<Future<DecisionLog.Appended>> reusedForAnother = new ArrayList<>();
        List<Future<DecisionLog.Appended>> sameKeyOtherPerson = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                String by = i % 2 == 0 ? "presales" : "policy-owner";
                RequestKey key = new RequestKey("fresh-" + i, "sha256:" + i);
                fresh.add(pool.submit(() -> log.append(decision(by, key))));
                if (i % 10 == 0) {
                    repeated.add(pool.submit(() -> log.append(decision("presales", new RequestKey("used", "sha256:a")))));
                    reusedForAnother.add(pool.submit(() -> log.append(decision("auditor", new RequestKey("other-used", "sha256:c")))));
                    sameKeyOtherPerson.add(pool.submit(() -> log.append(decision("policy-owner", new RequestKey("used", "sha256:a")))));
                }
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (Future<DecisionLog.Appended> f : fresh) {
                DecisionLog.Appended appended = f.get(60, TimeUnit.SECONDS);
                assertThat(appended.earlier()).isFalse();
                ids.add(appended.decision().id());
            }
            assertThat(ids).hasSize(requests);
            for (Future<DecisionLog.Appended> f : repeated) {
                DecisionLog.Appended appended = f.get(60, TimeUnit.SECONDS);
                assertThat(appended.earlier()).isTrue();
                assertThat(appended.decision().id()).isEqualTo(first);
            }
            for (Future<DecisionLog.Appended> f : reusedForAnother) {
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> f.get(60, TimeUnit.SECONDS)))
                        .hasCauseInstanceOf(IdempotencyKeyReusedException.class);
            }
            java.util.Set<String> others = new java.util.HashSet<>();
            for (Future<DecisionLog.Appended> f : sameKeyOtherPerson) {
                others.add(f.get(60, TimeUnit.SECONDS).decision().id());
            }
            assertThat(others).as("one decision for policy-owner's own use of the key, not presales' one").hasSize(1)
                    .doesNotContain(first, other);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The writer's question "which of these keys were used?" is answered from the primary key, however many keys a person has. */
    @Test
    void theLookupOfABatchsKeysReadsOnlyThoseKeysNotAllOfAPersonsKeys() throws Exception {
        for (int i = 0; i < 300; i++) {
            log.append(decision("presales", new RequestKey("key-" + i, "sha256:" + i)));
        }
        try (Connection c = db.getConnection();
             java.sql.PreparedStatement s = c.prepareStatement("EXPLAIN ANALYZE " + DecisionQueries.usedRequestKeysQuery(3))) {
            s.setString(1, "presales");
            s.setString(2, "key-7");
            s.setString(3, "presales");
            s.setString(4, "new-key");
            s.setString(5, "auditor");
            s.setString(6, "key-8");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                String plan = rs.getString(1);
                java.util.regex.Matcher scanned = java.util.regex.Pattern.compile("scanCount: (\\d+)").matcher(plan);
                assertThat(scanned.find()).as(plan).isTrue();
                assertThat(Integer.parseInt(scanned.group(1))).as(plan).isLessThanOrEqualTo(4);
            }
            assertThat(DecisionQueries.usedRequestKeys(c, List.of(new DecisionQueries.RequestKeyOf("presales", "key-7"),
                    new DecisionQueries.RequestKeyOf("presales", "new-key"), new DecisionQueries.RequestKeyOf("auditor", "key-8"))))
                    .containsExactly(new DecisionQueries.RequestKeyOf("presales", "key-7"));
        }
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

package io.triage.store;

import io.triage.history.HashChain;
import io.triage.history.RequestKey;
import io.triage.testing.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two decision logs, each with its own writer thread and connections, on one PostgreSQL database:
 * two instances of Triage as far as the chain can tell. Appends from both at once form one linear
 * chain, nobody is refused, and a request sent to both with the same idempotency key is stored once.
 */
class DecisionLogAcrossInstancesTest {

    private final List<DecisionLog> logs = new ArrayList<>();

    @AfterEach
    void stopWriters() {
        logs.forEach(log -> log.onStop(null));
    }

    private static PGSimpleDataSource db(String url, String applicationName) {
        return LocalPostgres.get().dataSource(url, applicationName);
    }

    private DecisionLog instance(String url, String name) {
        DecisionLog log = new DecisionLog(db(url, name), true, Duration.ofSeconds(60));
        logs.add(log);
        return log;
    }

    private static NewDecision decision(String by, RequestKey key) {
        String id = UUID.randomUUID().toString();
        byte[] record = ("{\"id\":\"" + id + "\",\"submittedBy\":\"" + by + "\"}").getBytes(StandardCharsets.UTF_8);
        return new NewDecision(id, Instant.now().truncatedTo(ChronoUnit.MILLIS), by, "sha256:r", "sha256:q", List.of("RAG"),
                record, key);
    }

    /** The writer's lookup of a batch's keys, in PostgreSQL's shape (one query per person). */
    @Test
    void keysUsedBeforeAreFoundAmongManyNewOnesOfSeveralPeopleInOneBatch() throws Exception {
        String url = LocalPostgres.get().createDatabase("keys_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        Flyway.configure().dataSource(db(url, "migrate")).locations("classpath:db/postgresql").load().migrate();
        DecisionLogWriterTest.keysUsedBeforeAreFoundAmongManyNewOnes(instance(url, "instance-a"));
    }

    @Test
    void twoInstancesAppendingAtOnceFormOneChainRefuseNothingAndStoreEachKeyOnce() throws Exception {
        String url = LocalPostgres.get().createDatabase("chain_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        Flyway.configure().dataSource(db(url, "migrate")).locations("classpath:db/postgresql").load().migrate();
        DecisionLog a = instance(url, "instance-a");
        DecisionLog b = instance(url, "instance-b");

        int threadsPerInstance = 16;
        int perThread = 25;
        int keys = 100;
        ExecutorService clients = Executors.newFixedThreadPool(2 * threadsPerInstance + 2);
        List<Future<List<String>>> plain = new ArrayList<>();
        for (DecisionLog log : List.of(a, b)) {
            for (int t = 0; t < threadsPerInstance; t++) {
                Callable<List<String>> client = () -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        ids.add(log.append(decision("presales", null)).decision().id());
                    }
                    return ids;
                };
                plain.add(clients.submit(client));
            }
        }
        // each keyed request goes to both instances at the same moment, as a client's retry through a balancer might
        List<Future<String>[]> keyed = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            RequestKey key = new RequestKey("key-" + k, "sha256:request-" + k);
            @SuppressWarnings("unchecked")
            Future<String>[] pair = new Future[] {
                    clients.submit(() -> a.append(decision("presales", key)).decision().id()),
                    clients.submit(() -> b.append(decision("presales", key)).decision().id())};
            keyed.add(pair);
        }

        Set<String> acknowledged = new HashSet<>();
        for (Future<List<String>> f : plain) {
            acknowledged.addAll(f.get()); // an exception here is a refusal
        }
        for (Future<String>[] pair : keyed) {
            String first = pair[0].get();
            assertThat(pair[1].get()).as("both copies of a keyed request get the one decision stored").isEqualTo(first);
            acknowledged.add(first);
        }
        clients.shutdown();
        assertThat(acknowledged).hasSize(2 * threadsPerInstance * perThread + keys);

        try (Connection c = db(url, "check").getConnection()) {
            assertLinearChain(c, acknowledged);
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COUNT(DISTINCT decision_id) FROM decision_requests");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(keys);
                assertThat(rs.getLong(2)).isEqualTo(keys);
            }
        }
    }

    /** Every record in seq order, 1 to n without a gap, each linked to and hashed from the one before; exactly the acknowledged ones. */
    private static void assertLinearChain(Connection c, Set<String> acknowledged) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT seq, id, record, previous_hash, record_hash FROM decisions ORDER BY seq");
             ResultSet rs = s.executeQuery()) {
            long expectedSeq = 1;
            String previous = HashChain.GENESIS;
            Set<String> stored = new HashSet<>();
            while (rs.next()) {
                assertThat(rs.getLong(1)).isEqualTo(expectedSeq++);
                assertThat(rs.getString(4)).as("link of record %d", rs.getLong(1)).isEqualTo(previous);
                assertThat(rs.getString(5)).isEqualTo(HashChain.hash(previous, RecordCodec.decode(rs.getBytes(3))));
                assertThat(stored.add(rs.getString(2))).as("stored once: %s", rs.getString(2)).isTrue();
                previous = rs.getString(5);
            }
            assertThat(stored).isEqualTo(acknowledged);
        }
    }
}

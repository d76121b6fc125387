package io.triage.store;

import io.triage.history.StoredDecision;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole log scanned on H2, a page at a time (here three records a page): every record once, in
 * chain order, across page boundaries; up to the record that was last when the scan began; and a
 * row slipped in below the chain's first still read, so that verification can report it.
 */
class DecisionQueriesScanTest {

    private JdbcConnectionPool db;
    private DecisionLog log;

    @BeforeEach
    void database() {
        db = JdbcConnectionPool.create("jdbc:h2:mem:scan-" + UUID.randomUUID(), "triage", "");
        Flyway.configure().dataSource(db).locations("classpath:db/h2").load().migrate();
        log = new DecisionLog(db, false, Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        log.onStop(null);
        db.dispose();
    }

    @Test
    void everyRecordOnceInChainOrderAcrossPages() {
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            stored.add(append());
        }
        List<StoredDecision> scanned = new ArrayList<>();

        new DecisionQueries(db, 3).scan(null, null, scanned::add);

        assertThat(scanned).extracting(StoredDecision::id).containsExactlyElementsOf(stored);
        assertThat(scanned).extracting(StoredDecision::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(scanned).allSatisfy(d -> assertThat(d.record()).contains(d.id()));
    }

    @Test
    void aPageExactlyFullEndsTheScanWithoutLosingOrRepeatingARecord() {
        for (int i = 0; i < 6; i++) {
            append();
        }
        List<Long> seqs = new ArrayList<>();

        new DecisionQueries(db, 3).scan(null, null, d -> seqs.add(d.seq()));

        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aScanEndsWithTheRecordThatWasLastWhenItBegan() {
        for (int i = 0; i < 4; i++) {
            append();
        }
        List<Long> seqs = new ArrayList<>();

        // a log that grows while it is read would otherwise keep a slower reader going for ever
        new DecisionQueries(db, 3).scan(null, null, d -> {
            seqs.add(d.seq());
            if (seqs.size() <= 8) {
                append();
            }
        });

        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aRowInsertedBelowTheChainsFirstRecordIsStillRead() throws Exception {
        for (int i = 0; i < 4; i++) {
            append();
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO decisions (seq, id, created_at, submitted_by, ruleset_version, questionnaire_version, codes,"
                    + " record, previous_hash, record_hash) SELECT 0, 'forged', created_at, submitted_by, ruleset_version,"
                    + " questionnaire_version, codes, record, previous_hash, record_hash FROM decisions WHERE seq = 1");
        }
        List<Long> seqs = new ArrayList<>();

        new DecisionQueries(db, 3).scan(null, null, d -> seqs.add(d.seq()));

        assertThat(seqs).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void anEmptyLogIsAScanOfNothing() {
        List<StoredDecision> scanned = new ArrayList<>();

        new DecisionQueries(db, 3).scan(null, null, scanned::add);

        assertThat(scanned).isEmpty();
    }

    @Test
    void aPageHoldsAtLeastOneRecord() {
        assertThatThrownBy(() -> new DecisionQueries(db, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private String append() {
        String id = UUID.randomUUID().toString();
        byte[] record = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        log.append(new NewDecision(id, Instant.now().truncatedTo(ChronoUnit.MILLIS), "presales", "sha256:r", "sha256:q",
                List.of("RAG"), record, null));
        return id;
    }
}

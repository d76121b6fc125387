package io.triage.store;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded H2 file under the decision log's own workload (one commit per decision, nothing
 * ever deleted), with and without {@link H2FileCompaction}. Without it, every commit leaves a chunk
 * with a little live data in it that nothing ever rewrites, so the file grows many times faster
 * than the log. The database keeps H2's own retention (45 s, so without the compaction nothing is
 * overwritten in this test); the compaction forces the file to disk and lets H2 overwrite after a
 * few milliseconds here instead of its 5 s, so the difference shows in seconds.
 */
class H2FileCompactionTest {

    private static final int DECISIONS = 2_000;

    @Test
    void theFileGrowsWithTheLogNotWithEveryCommit(@TempDir Path dir) throws Exception {
        long without = fileAfterAppending(dir.resolve("without"), false);
        long with = fileAfterAppending(dir.resolve("with"), true);

        assertThat(with).as("file with compaction %,d bytes, without %,d bytes", with, without).isLessThan(without / 2);
    }

    @Test
    void aRoundLetsH2ReuseSpaceAfterSecondsInsteadOfItsOwn45(@TempDir Path dir) throws Exception {
        JdbcConnectionPool db = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("triage") + ";WRITE_DELAY=0", "triage", "");
        try (Connection c = db.getConnection()) {
            MVStore store = H2FileCompaction.fileStore(c);
            assertThat(store.getRetentionTime()).as("H2's own retention").isEqualTo(45_000);

            new H2FileCompaction(db, true).round();

            // 5 s, or four times the round's sync if the disk was that slow
            assertThat(store.getRetentionTime()).isBetween(H2FileCompaction.RETENTION_MILLIS, 44_999);
        } finally {
            db.dispose();
        }
    }

    @Test
    void aDatabaseInMemoryIsLeftAlone() throws Exception {
        JdbcConnectionPool db = JdbcConnectionPool.create("jdbc:h2:mem:compaction-" + UUID.randomUUID(), "triage", "");
        try {
            H2FileCompaction compaction = new H2FileCompaction(db, true);
            assertThat(compaction.round()).isFalse();
            assertThat(compaction.state()).as("nothing to report without a file").isEmpty();
        } finally {
            db.dispose();
        }
    }

    @Test
    void itsStateSaysHowLargeTheFileIsAndCountsRoundsThatFail(@TempDir Path dir) throws Exception {
        JdbcConnectionPool db = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("triage") + ";WRITE_DELAY=0", "triage", "");
        Flyway.configure().dataSource(db).locations("classpath:db/h2").load().migrate();
        DecisionLog log = new DecisionLog(db, false, Duration.ofSeconds(60));
        H2FileCompaction compaction = new H2FileCompaction(db, true);
        Random random = new Random(11);
        try {
            for (int i = 0; i < 200; i++) {
                log.append(decision(random));
            }
            compaction.roundQuietly();
            compaction.roundQuietly();

            H2FileCompaction.State state = compaction.state().orElseThrow();
            assertThat(state.rounds()).isEqualTo(2);
            assertThat(state.failedRounds()).isZero();
            assertThat(state.fileBytes()).isEqualTo(Files.size(dir.resolve("triage.mv.db")));
            assertThat(state.chunksFillRate()).isBetween(1, 100);
            assertThat(state.slowestSyncMillis()).isGreaterThanOrEqualTo(state.lastSyncMillis());
            assertThat(state.retentionMillis()).isGreaterThanOrEqualTo(H2FileCompaction.RETENTION_MILLIS);
        } finally {
            log.onStop(null);
        }
        db.dispose();

        compaction.roundQuietly();

        H2FileCompaction.State after = compaction.state().orElseThrow();
        assertThat(after.failedRounds()).as("a round that cannot reach the database").isEqualTo(1);
        assertThat(after.rounds()).isEqualTo(2);
    }

    @Test
    void aCompactionThatNeverReachedTheFileStillSaysHowOftenItFailed(@TempDir Path dir) {
        JdbcConnectionPool db = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("triage") + ";WRITE_DELAY=0", "triage", "");
        db.dispose();
        H2FileCompaction compaction = new H2FileCompaction(db, true);

        compaction.roundQuietly();
        compaction.roundQuietly();

        H2FileCompaction.State state = compaction.state().orElseThrow();
        assertThat(state.failedRounds()).isEqualTo(2);
        assertThat(state.rounds()).isZero();
        assertThat(state.fileBytes()).as("no round has seen the file").isNull();
    }

    private static long fileAfterAppending(Path dir, boolean compact) throws Exception {
        JdbcConnectionPool db = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("triage") + ";WRITE_DELAY=0", "triage", "");
        Flyway.configure().dataSource(db).locations("classpath:db/h2").load().migrate();
        DecisionLog log = new DecisionLog(db, false, Duration.ofSeconds(60));
        H2FileCompaction compaction = new H2FileCompaction(db, true, 0);
        Random random = new Random(7);
        try {
            for (int i = 1; i <= DECISIONS; i++) {
                log.append(decision(random));
                if (compact && i % 50 == 0) {
                    compaction.round();
                }
            }
        } finally {
            log.onStop(null);
        }
        long size = Files.size(dir.resolve("triage.mv.db"));
        db.dispose();
        return size;
    }

    /** A record the size of a real one after compression, and as incompressible. */
    private static NewDecision decision(Random random) {
        String id = UUID.randomUUID().toString();
        byte[] noise = new byte[1_700];
        random.nextBytes(noise);
        String record = "{\"id\":\"" + id + "\",\"noise\":\"" + HexFormat.of().formatHex(noise, 0, 850) + "\"}";
        return new NewDecision(id, Instant.now().truncatedTo(ChronoUnit.MILLIS), "presales", "sha256:r", "sha256:q",
                List.of("RAG"), record.getBytes(StandardCharsets.UTF_8), null);
    }
}

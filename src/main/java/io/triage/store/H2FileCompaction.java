package io.triage.store;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.triage.config.TriageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the embedded H2 file at the size of what it holds.
 *
 * <p>{@code WRITE_DELAY=0} makes every commit reach the file before a decision is acknowledged, and
 * it also stops H2's background thread, which is where H2 rewrites half-empty chunks. An
 * append-only log leaves a little live data in every chunk it writes, so no chunk ever empties by
 * itself: without this, the file grew by about 20 KB per decision (records average 1.7 KB stored),
 * and the chunks' bookkeeping grew the heap with it. This thread does that rewriting, a bounded
 * amount at a time, through H2's own {@link MVStore#compact(int, int)}; the rewritten pages go to
 * the file with the next commit and the emptied chunks' space is reused.
 *
 * <p>H2 overwrites an emptied chunk only once it is older than its retention time, 45 s by default:
 * H2 assumes the disk has flushed its writes by then, so that a power cut cannot leave the file
 * pointing at a chunk that was overwritten. Each commit of the log writes a chunk of its own (the
 * newest page of the table and of each index), so 45 s of them was most of the file: 1.6 GB at 760
 * decisions a second (BENCHMARKS §15). Instead of hoping, each round forces the file to disk
 * ({@link MVStore#sync()}), and only then lets H2 overwrite chunks after {@link #RETENTION_MILLIS}:
 * twenty rounds, or four times the slowest sync seen, whichever is longer. An acknowledged decision
 * is thereby on disk, not only in the operating system's cache, within about a quarter of a second.
 */
@ApplicationScoped
public class H2FileCompaction {

    private static final Logger LOG = Logger.getLogger(H2FileCompaction.class);

    /** Below this share of live data in the file's chunks, the oldest and emptiest are rewritten. */
    static final int TARGET_FILL_RATE = 80;
    /**
     * The live data a round may move starts here, 2 MB/s, about what 800 decisions a second leave
     * behind. The rewritten pages go out with the log's next commit, so a larger round makes that
     * commit wait: a fixed 2 MB per round cost a quarter of the peak decision rate (BENCHMARKS §11).
     * While the chunks stay below {@link #TARGET_FILL_RATE}, each round may move this much more
     * than the last, up to {@link #MOST_BYTES_PER_ROUND}; once they are above it, half as much.
     */
    static final int LEAST_BYTES_PER_ROUND = 512 * 1024;
    /** 16 MB/s: what about 8,000 decisions a second leave behind. */
    static final int MOST_BYTES_PER_ROUND = 8 * LEAST_BYTES_PER_ROUND;
    static final long PERIOD_MILLIS = 250;
    /** How long H2 keeps a chunk before it may overwrite it, while the rounds force the file to disk. */
    static final int RETENTION_MILLIS = 5_000;

    private final DataSource dataSource;
    private final boolean enabled;
    /** The retention this lets H2 use once the file is forced to disk; only ever raised. */
    private int retention;
    /** H2's own retention, as the store had it before this changed it; back in force if a sync fails. */
    private int h2Retention = -1;
    private int bytesPerRound = LEAST_BYTES_PER_ROUND;
    private ScheduledExecutorService thread;
    private volatile long rounds;
    private volatile long roundsThatRewrote;
    private volatile long failedRounds;
    private volatile long slowestSyncMillis;
    /** What the last round that reached the file saw; null until one has. */
    private volatile FileState file;
    private boolean warned;

    /** The file as the last round that reached it left it: its size, how full its chunks were, what that round's sync took. */
    private record FileState(long bytes, int chunksFillRate, long syncMillis, int retentionMillis) {
    }

    /**
     * How the compaction is doing, for operators: rounds run, rewriting and failing; then, once a
     * round has reached the file (null before), the file's size and the share of live data in its
     * chunks after that round, its sync and the slowest so far, and how long H2 now keeps an
     * emptied chunk before overwriting it.
     */
    public record State(long rounds, long roundsThatRewrote, long failedRounds, Long fileBytes, Integer chunksFillRate,
                        Long lastSyncMillis, long slowestSyncMillis, Integer retentionMillis) {
    }

    /**
     * Empty while there is nothing to say: no round has reached an H2 file and none has failed (a
     * database in memory, PostgreSQL, compaction off, or just started). A compaction that has never
     * worked still says how often it failed.
     */
    public Optional<State> state() {
        FileState seen = file;
        long failed = failedRounds;
        if (seen == null && failed == 0) {
            return Optional.empty();
        }
        return Optional.of(seen == null
                ? new State(rounds, roundsThatRewrote, failed, null, null, null, slowestSyncMillis, null)
                : new State(rounds, roundsThatRewrote, failed, seen.bytes(), seen.chunksFillRate(), seen.syncMillis(),
                        slowestSyncMillis, seen.retentionMillis()));
    }

    @Inject
    H2FileCompaction(Database database, TriageConfig config) {
        this(database.dataSource(), !database.shared() && config.db().h2Compaction());
    }

    H2FileCompaction(DataSource dataSource, boolean enabled) {
        this(dataSource, enabled, RETENTION_MILLIS);
    }

    /** @param retentionMillis how long H2 keeps chunks once this has forced the file to disk (tests shorten it) */
    H2FileCompaction(DataSource dataSource, boolean enabled, int retentionMillis) {
        this.dataSource = dataSource;
        this.enabled = enabled;
        this.retention = retentionMillis;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    synchronized void start() {
        if (!enabled || thread != null || !hasFile()) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-file-compaction");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::roundQuietly, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    void roundQuietly() {
        try {
            if (round()) {
                roundsThatRewrote++;
            }
            rounds++;
        } catch (SQLException | RuntimeException e) {
            failedRounds++;
            // the next round tries again; the file only grows meanwhile. Said once at WARN, so a
            // compaction that never works (an H2 upgrade that moved its internals) is not silent.
            if (!warned) {
                warned = true;
                LOG.warnf("h2 file compaction failed (retried every %d ms, later failures at DEBUG): %s", PERIOD_MILLIS, e.getMessage());
            } else {
                LOG.debugf("h2 file compaction skipped a round: %s", e.getMessage());
            }
        }
    }

    /**
     * One round: force the file to disk, then rewrite; whether any chunk was rewritten. A database in
     * memory has no file and is left alone.
     */
    synchronized boolean round() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            MVStore store = fileStore(c);
            if (store == null) {
                return false;
            }
            long syncMillis = forceToDisk(store);
            int chunksFillRate = store.getFileStore().getChunksFillRate();
            bytesPerRound = chunksFillRate < TARGET_FILL_RATE
                    ? Math.min(bytesPerRound + LEAST_BYTES_PER_ROUND, MOST_BYTES_PER_ROUND)
                    : Math.max(bytesPerRound / 2, LEAST_BYTES_PER_ROUND);
            boolean rewrote = store.compact(TARGET_FILL_RATE, bytesPerRound);
            file = new FileState(store.getFileStore().size(), store.getFileStore().getChunksFillRate(), syncMillis, retention);
            return rewrote;
        }
    }

    /**
     * Everything written so far reaches the disk; only then may H2 overwrite chunks after the
     * shorter retention time. While the sync runs, H2's own retention is in force: a chunk that
     * dies during a slow sync is superseded by one that sync may not cover. A sync that fails
     * leaves H2's own retention in force until one succeeds. Returns how long the sync took.
     */
    private long forceToDisk(MVStore store) {
        if (h2Retention < 0) {
            h2Retention = store.getRetentionTime();
        }
        store.setRetentionTime(Math.max(h2Retention, retention));
        long start = System.nanoTime();
        store.sync();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        // INVARIANT: a chunk may be overwritten only well after a sync that covered it has finished
        retention = (int) Math.max(retention, Math.min(Integer.MAX_VALUE / 4, tookMillis) * 4);
        store.setRetentionTime(retention);
        slowestSyncMillis = Math.max(slowestSyncMillis, tookMillis);
        return tookMillis;
    }

    private boolean hasFile() {
        try (Connection c = dataSource.getConnection()) {
            return fileStore(c) != null;
        } catch (SQLException e) {
            return true; // not reachable yet: the rounds find out
        }
    }

    /** The store behind an H2 file database, or null for anything else (in memory, another database). */
    static MVStore fileStore(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)
                || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        var database = session.getDatabase();
        MVStore store = database.isPersistent() && database.getStore() != null ? database.getStore().getMvStore() : null;
        return store != null && store.getFileStore() != null ? store : null;
    }
}

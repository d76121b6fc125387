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
 */
@ApplicationScoped
public class H2FileCompaction {

    private static final Logger LOG = Logger.getLogger(H2FileCompaction.class);

    /** Below this share of live data in the file's chunks, the oldest and emptiest are rewritten. */
    static final int TARGET_FILL_RATE = 80;
    /**
     * At most this much live data is moved per round: 2 MB/s, about what 800 decisions a second
     * leave behind. The rewritten pages go out with the log's next commit, so a larger round makes
     * that commit wait: 2 MB per round cost a quarter of the peak decision rate (BENCHMARKS §11).
     */
    static final int BYTES_PER_ROUND = 512 * 1024;
    static final long PERIOD_MILLIS = 250;

    private final DataSource dataSource;
    private final boolean enabled;
    private ScheduledExecutorService thread;
    private volatile long rounds;
    private volatile long roundsThatRewrote;
    private boolean warned;

    @Inject
    H2FileCompaction(Database database, TriageConfig config) {
        this(database.dataSource(), !database.shared() && config.db().h2Compaction());
    }

    H2FileCompaction(DataSource dataSource, boolean enabled) {
        this.dataSource = dataSource;
        this.enabled = enabled;
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

    /** Rounds run, and how many of them rewrote something (for tests and benchmarks). */
    long[] counts() {
        return new long[] {rounds, roundsThatRewrote};
    }

    private void roundQuietly() {
        try {
            if (round()) {
                roundsThatRewrote++;
            }
            rounds++;
        } catch (SQLException | RuntimeException e) {
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

    /** One round: whether any chunk was rewritten. A database in memory has no file and is left alone. */
    boolean round() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            MVStore store = fileStore(c);
            return store != null && store.compact(TARGET_FILL_RATE, BYTES_PER_ROUND);
        }
    }

    private boolean hasFile() {
        try (Connection c = dataSource.getConnection()) {
            return fileStore(c) != null;
        } catch (SQLException e) {
            return true; // not reachable yet: the rounds find out
        }
    }

    /** The store behind an H2 file database, or null for anything else (in memory, another database). */
    private static MVStore fileStore(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)
                || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        var database = session.getDatabase();
        MVStore store = database.isPersistent() && database.getStore() != null ? database.getStore().getMvStore() : null;
        return store != null && store.getFileStore() != null ? store : null;
    }
}

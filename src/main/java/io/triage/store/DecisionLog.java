package io.triage.store;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The append-only, hash-chained decision log. Appends go through one writer thread that takes
 * whatever is waiting (up to {@link #MAX_BATCH}), chains it onto the head, inserts it in one
 * transaction and only then acknowledges each caller: one linear chain however many requests
 * arrive at once, and one commit per batch instead of per decision. There is no update or delete.
 */
@ApplicationScoped
public class DecisionLog {

    private static final Logger LOG = Logger.getLogger(DecisionLog.class);
    static final int MAX_BATCH = 256;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    private static final String UNIQUE_VIOLATION = "23505";

    /** The last record of the chain as this process knows it. */
    public record Head(long seq, String hash) {
        static final Head EMPTY = new Head(0, HashChain.GENESIS);
    }

    private record Pending(NewDecision decision, CompletableFuture<StoredDecision> done) {
    }

    private final DataSource dataSource;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(8 * MAX_BATCH);
    private final Thread writer;
    // INVARIANT: only the writer thread changes 'head'; null means "reload from the database first".
    private volatile Head head;
    /** The highest record this process has committed; a shorter chain in the database was truncated. */
    private volatile Head committed = Head.EMPTY;
    private volatile boolean running = true;

    DecisionLog(Database database) {
        this.dataSource = database.dataSource();
        this.writer = new Thread(this::writeLoop, "decision-log-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Appends a decision and returns it once it is committed. Fails closed: if the database does
     * not take it, a {@link StoreUnavailableException} is thrown and nothing is acknowledged.
     */
    public StoredDecision append(NewDecision decision) {
        Pending pending = new Pending(decision, new CompletableFuture<>());
        try {
            if (!running || !queue.offer(pending, 5, TimeUnit.SECONDS)) {
                throw new StoreUnavailableException("the decision log is not accepting decisions right now");
            }
            return pending.done().get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while storing the decision", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreUnavailableException s ? s
                    : new StoreUnavailableException("the decision could not be stored", e.getCause());
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("the decision log did not confirm the write in time", e);
        }
    }

    /** The highest record this process has committed (for truncation checks). */
    public Head committedHead() {
        return committed;
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.done().completeExceptionally(new StoreUnavailableException("the service is shutting down")));
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Pending> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<StoredDecision> stored = insert(batch);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(stored.get(i));
                }
                return;
            } catch (SQLException | RuntimeException e) {
                head = null;
                // Another writer extended the chain first (a second instance on the same database):
                // reload the head and chain onto it once more.
                if (attempt == 1 && e instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    continue;
                }
                LOG.errorf("could not append %d decision(s): %s", batch.size(), e.getMessage());
                StoreUnavailableException failure = new StoreUnavailableException("the decision could not be stored", e);
                batch.forEach(p -> p.done().completeExceptionally(failure));
                return;
            }
        }
    }

    private List<StoredDecision> insert(List<Pending> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Head from = head != null ? head : loadHead(c);
                List<StoredDecision> stored = new ArrayList<>(batch.size());
                try (PreparedStatement decisions = c.prepareStatement("""
                        INSERT INTO decisions (seq, id, created_at, submitted_by, ruleset_version, questionnaire_version,
                                               codes, record, previous_hash, record_hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    long seq = from.seq();
                    String previous = from.hash();
                    for (Pending p : batch) {
                        NewDecision d = p.decision();
                        seq++;
                        String record = new String(d.canonicalRecord(), StandardCharsets.UTF_8);
                        String hash = HashChain.hash(previous, d.canonicalRecord());
                        decisions.setLong(1, seq);
                        decisions.setString(2, d.id());
                        decisions.setTimestamp(3, Timestamp.from(d.createdAt()));
                        decisions.setString(4, d.submittedBy());
                        decisions.setString(5, d.rulesetVersion());
                        decisions.setString(6, d.questionnaireVersion());
                        String codes = StoredDecision.Lookup.codesColumn(d.codes());
                        decisions.setString(7, codes);
                        decisions.setBytes(8, d.storedRecord());
                        decisions.setString(9, previous);
                        decisions.setString(10, hash);
                        decisions.addBatch();
                        stored.add(new StoredDecision(seq, d.id(), record, previous, hash, new StoredDecision.Lookup(
                                d.createdAt(), d.submittedBy(), d.rulesetVersion(), d.questionnaireVersion(), codes)));
                        previous = hash;
                    }
                    decisions.executeBatch();
                }
                c.commit();
                StoredDecision last = stored.get(stored.size() - 1);
                head = new Head(last.seq(), last.recordHash());
                committed = head;
                return stored;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                // INVARIANT: pooled connections go back in auto-commit mode; one left inside a
                // transaction would show its next user an old snapshot of the log.
                c.setAutoCommit(true);
            }
        }
    }

    static Head loadHead(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT seq, record_hash FROM decisions ORDER BY seq DESC LIMIT 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : Head.EMPTY;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the transaction is gone with it
        }
    }
}

package io.triage.store;

import io.quarkus.runtime.ShutdownEvent;
import io.triage.common.StoreUnavailableException;
import io.triage.config.TriageConfig;
import io.triage.history.HashChain;
import io.triage.history.RequestKey;
import io.triage.history.StoredDecision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The append-only, hash-chained decision log. Appends go through one writer thread that takes
 * whatever is waiting (up to {@link #MAX_BATCH}), chains it onto the head, inserts it in one
 * transaction and only then acknowledges each caller: one linear chain however many requests
 * arrive at once, and one commit per batch instead of per decision. There is no update or delete.
 * <p>
 * On PostgreSQL several instances may append at once; each instance's writer takes the database's
 * chain lock ({@link ClusterLock#DECISION_CHAIN}) for its batch and reads the head under it, so the
 * instances take turns, one batch each, on one linear chain.
 *
 * <p>Acknowledgements are honest: a caller is told "not stored" only when that is certain (the
 * database refused before committing, or the decision never reached the writer); when the writer
 * has it but the outcome is not known in time, the caller learns the decision id to check instead.
 * A decision sent with an idempotency key is stored once, however often it is sent.
 */
@ApplicationScoped
public class DecisionLog {

    private static final Logger LOG = Logger.getLogger(DecisionLog.class);
    static final int MAX_BATCH = 256;
    private static final int MAX_ATTEMPTS = 3;
    private static final String UNIQUE_VIOLATION = "23505";

    /** The last record of the chain as this process knows it. */
    public record Head(long seq, String hash) {
        static final Head EMPTY = new Head(0, HashChain.GENESIS);
    }

    /** A stored decision; {@code earlier} when an idempotency key found the one stored the first time. */
    public record Appended(StoredDecision decision, boolean earlier) {
    }

    /** How the writer is doing, for health checks; {@code commits} and {@code decisions} count what it stored. */
    public record WriterState(boolean alive, long restarts, long failedBatches, String lastFailure, long commits, long decisions) {
    }

    private record Pending(NewDecision decision, CompletableFuture<Appended> done) {
    }

    /** The commit itself failed: the database may or may not have kept the batch. */
    private static final class UncertainCommit extends Exception {
        UncertainCommit(SQLException cause) {
            super(cause);
        }
    }

    private final DataSource dataSource;
    private final boolean shared;
    private final Duration ackTimeout;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(8 * MAX_BATCH);
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong decisionsCommitted = new AtomicLong();
    private volatile String lastFailure;
    private volatile Thread writer;
    // INVARIANT: only the writer thread changes 'head'; null means "reload from the database first".
    private volatile Head head;
    /** The highest record this process has committed; a shorter chain in the database was truncated. */
    private volatile Head committed = Head.EMPTY;
    private volatile boolean running = true;

    @Inject
    DecisionLog(Database database, TriageConfig config) {
        this(database.dataSource(), database.shared(), config.db().ackTimeout());
    }

    /** @param shared whether other instances append to the same database (PostgreSQL) */
    DecisionLog(DataSource dataSource, boolean shared, Duration ackTimeout) {
        this.dataSource = dataSource;
        this.shared = shared;
        this.ackTimeout = ackTimeout;
        startWriter();
    }

    private void startWriter() {
        Thread thread = new Thread(this::writeLoop, "decision-log-writer");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    /**
     * Appends a decision and returns it once it is committed (or, with an idempotency key already
     * used, the decision stored under it).
     *
     * @throws StoreUnavailableException certainly not stored
     * @throws OutcomeUnknownException   the writer has it, but did not confirm it in time
     * @throws IdempotencyKeyReusedException the key was used before for a different request
     */
    public Appended append(NewDecision decision) {
        Pending pending = new Pending(decision, new CompletableFuture<>());
        try {
            if (!running || !queue.offer(pending, 5, TimeUnit.SECONDS)) {
                throw new StoreUnavailableException("the decision log is not accepting decisions right now");
            }
            return pending.done().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unconfirmed(pending);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreUnavailableException("the decision could not be stored", e.getCause());
        } catch (TimeoutException e) {
            throw unconfirmed(pending);
        }
    }

    /** Not confirmed in time: if the writer never took it, it is certainly not stored; else nobody knows yet. */
    private RuntimeException unconfirmed(Pending pending) {
        if (queue.remove(pending)) {
            return new StoreUnavailableException("the decision log did not take the decision in time");
        }
        return new OutcomeUnknownException(pending.decision().id(), "the decision log did not confirm the write within "
                + ackTimeout.toSeconds() + " s; it may still be stored");
    }

    /** The highest record this process has committed (for truncation checks). */
    public Head committedHead() {
        return committed;
    }

    public WriterState writerState() {
        Thread current = writer;
        return new WriterState(current != null && current.isAlive(), restarts.get(), failedBatches.get(), lastFailure,
                commits.get(), decisionsCommitted.get());
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        Thread current = writer;
        current.interrupt();
        try {
            current.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.done().completeExceptionally(new StoreUnavailableException("the service is shutting down")));
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        try {
            writeBatches(batch);
        } finally {
            // INVARIANT: while the service runs there is a writer; one that ends for any reason is replaced
            if (running) {
                restarts.incrementAndGet();
                lastFailure = "the writer stopped and was replaced";
                LOG.error("the decision log writer stopped; starting a new one");
                batch.forEach(p -> p.done().completeExceptionally(new OutcomeUnknownException(p.decision().id(),
                        "the decision log writer stopped while writing it")));
                startWriter();
            }
        }
    }

    private void writeBatches(List<Pending> batch) {
        while (running) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // only shutting down ends the writer; a stray interrupt does not
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                write(batch);
            } catch (RuntimeException | Error e) {
                // INVARIANT: nothing a batch throws stops the writer, and no caller waits for nothing
                head = null;
                failedBatches.incrementAndGet();
                lastFailure = String.valueOf(e);
                LOG.error("writing a batch of decisions failed", e);
                batch.forEach(p -> p.done().completeExceptionally(
                        new OutcomeUnknownException(p.decision().id(), "the decision log failed while writing it")));
            }
            batch.clear();
        }
    }

    private void write(List<Pending> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<Appended> results = insert(batch);
                for (int i = 0; i < batch.size(); i++) {
                    Appended result = results.get(i);
                    if (result == null) {
                        batch.get(i).done().completeExceptionally(new IdempotencyKeyReusedException());
                    } else {
                        batch.get(i).done().complete(result);
                    }
                }
                return;
            } catch (UncertainCommit e) {
                head = null;
                failedBatches.incrementAndGet();
                lastFailure = "commit failed: " + e.getCause().getMessage();
                LOG.errorf("the commit of %d decision(s) failed; their outcome is unknown: %s", batch.size(), e.getCause().getMessage());
                batch.forEach(p -> p.done().completeExceptionally(new OutcomeUnknownException(p.decision().id(),
                        "the database failed while committing the decision; it may or may not be stored")));
                return;
            } catch (SQLException | RuntimeException e) {
                head = null;
                // Another writer extended the chain, or stored the same idempotency key, first without
                // taking the chain lock (an instance of an older release on the same database): reload and try again.
                if (attempt < MAX_ATTEMPTS && e instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    continue;
                }
                failedBatches.incrementAndGet();
                lastFailure = String.valueOf(e.getMessage());
                LOG.errorf("could not append %d decision(s): %s", batch.size(), e.getMessage());
                StoreUnavailableException failure = new StoreUnavailableException("the decision could not be stored", e);
                batch.forEach(p -> p.done().completeExceptionally(failure));
                return;
            }
        }
    }

    /**
     * Inserts the batch in one transaction. The result at a position is the decision stored for that
     * request: the new one, the one stored earlier under the same idempotency key, or null when the
     * key was used for a different request.
     */
    private List<Appended> insert(List<Pending> batch) throws SQLException, UncertainCommit {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Head from;
                if (shared) {
                    // INVARIANT: on a database other instances append to, the chain grows only under its lock,
                    // from the head and the idempotency keys as they are once the lock is held
                    ClusterLock.DECISION_CHAIN.hold(c);
                    // what arrived while this writer waited for the lock joins this commit
                    queue.drainTo(batch, MAX_BATCH - batch.size());
                    from = loadHead(c);
                } else {
                    from = head != null ? head : loadHead(c);
                }
                Map<String, Keyed> keyed = earlierUnderKeys(c, batch);
                List<Appended> results = new ArrayList<>(batch.size());
                long seq = from.seq();
                String previous = from.hash();
                StoredDecision last = null;
                try (PreparedStatement decisions = c.prepareStatement("""
                        INSERT INTO decisions (seq, id, created_at, submitted_by, ruleset_version, questionnaire_version,
                                               codes, record, previous_hash, record_hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                     PreparedStatement requests = c.prepareStatement("""
                        INSERT INTO decision_requests (submitted_by, idempotency_key, decision_id, request_hash, created_at)
                        VALUES (?, ?, ?, ?, ?)""")) {
                    boolean anyRequest = false;
                    for (Pending p : batch) {
                        NewDecision d = p.decision();
                        RequestKey key = d.requestKey();
                        Keyed earlier = key == null ? null : keyed.get(keyOf(d));
                        if (earlier != null) {
                            results.add(earlier.requestHash().equals(key.requestHash()) ? new Appended(earlier.decision(), true) : null);
                            continue;
                        }
                        seq++;
                        String hash = HashChain.hash(previous, d.canonicalRecord());
                        String codes = StoredDecision.Lookup.codesColumn(d.codes());
                        decisions.setLong(1, seq);
                        decisions.setString(2, d.id());
                        decisions.setTimestamp(3, Timestamp.from(d.createdAt()));
                        decisions.setString(4, d.submittedBy());
                        decisions.setString(5, d.rulesetVersion());
                        decisions.setString(6, d.questionnaireVersion());
                        decisions.setString(7, codes);
                        decisions.setBytes(8, d.storedRecord());
                        decisions.setString(9, previous);
                        decisions.setString(10, hash);
                        decisions.addBatch();
                        last = new StoredDecision(seq, d.id(), new String(d.canonicalRecord(), StandardCharsets.UTF_8), previous,
                                hash, new StoredDecision.Lookup(d.createdAt(), d.submittedBy(), d.rulesetVersion(),
                                d.questionnaireVersion(), codes));
                        results.add(new Appended(last, false));
                        if (key != null) {
                            requests.setString(1, d.submittedBy());
                            requests.setString(2, key.key());
                            requests.setString(3, d.id());
                            requests.setString(4, key.requestHash());
                            requests.setTimestamp(5, Timestamp.from(d.createdAt()));
                            requests.addBatch();
                            anyRequest = true;
                            // a second request in this same batch with the key gets this decision
                            keyed.put(keyOf(d), new Keyed(last, key.requestHash()));
                        }
                        previous = hash;
                    }
                    if (last != null) {
                        decisions.executeBatch();
                    }
                    if (anyRequest) {
                        requests.executeBatch();
                    }
                }
                try {
                    c.commit();
                } catch (SQLException e) {
                    throw new UncertainCommit(e);
                }
                if (last != null) {
                    decisionsCommitted.addAndGet(last.seq() - from.seq());
                    head = new Head(last.seq(), last.recordHash());
                    committed = head;
                }
                commits.incrementAndGet();
                return results;
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

    private record Keyed(StoredDecision decision, String requestHash) {
    }

    private static String keyOf(NewDecision d) {
        return keyOf(d.submittedBy(), d.requestKey().key());
    }

    private static String keyOf(String submittedBy, String key) {
        return submittedBy + "\n" + key;
    }

    /**
     * Decisions already stored under the idempotency keys of this batch. One query (one per person
     * on PostgreSQL) asks which of the batch's keys were used, usually none, instead of a round trip
     * per keyed decision while the chain's lock is held; only the decisions of those that were are
     * read in full.
     */
    private static Map<String, Keyed> earlierUnderKeys(Connection c, List<Pending> batch) throws SQLException {
        Set<DecisionQueries.RequestKeyOf> keys = new LinkedHashSet<>();
        for (Pending p : batch) {
            NewDecision d = p.decision();
            if (d.requestKey() != null) {
                keys.add(new DecisionQueries.RequestKeyOf(d.submittedBy(), d.requestKey().key()));
            }
        }
        Map<String, Keyed> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        for (DecisionQueries.RequestKeyOf used : DecisionQueries.usedRequestKeys(c, keys)) {
            DecisionQueries.findByRequest(c, used.submittedBy(), used.key())
                    .ifPresent(e -> found.put(keyOf(used.submittedBy(), used.key()), new Keyed(e.decision(), e.requestHash())));
        }
        return found;
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

package io.triage.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.triage.audit.BulkReplay;
import io.triage.history.Job;
import io.triage.history.RuleSetCandidate;
import io.triage.policy.ActivationRefusedException;
import io.triage.policy.ImpactAnalysis;
import io.triage.rules.ActiveRuleSet;
import io.triage.store.DecisionQueries;
import io.triage.store.JobStore;
import io.triage.store.RuleSetHistory;
import io.triage.worker.WorkerFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotFoundException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Long work in the background, with progress and cancel: the impact analysis of a version and the
 * replay of every stored decision, which take tens of seconds at 100,000 decisions and would
 * outlive an HTTP request at millions. A job is a row in the database ({@link JobStore}), so every
 * instance shows it and its progress; the instance that accepted it runs it, records progress and
 * a heartbeat about once a second, and reads the cancel flag there, whichever instance set it. A
 * job whose instance stopped is ended as failed once its heartbeat is a minute old. The
 * synchronous endpoints stay as they are; jobs run the same services.
 */
@ApplicationScoped
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class);
    /** How often a running job writes its progress and reads its cancel flag. */
    static final Duration BEAT = Duration.ofSeconds(1);
    /** A queued or running job not heard from for this long lost its instance. */
    static final Duration SILENT = Duration.ofMinutes(1);

    /** What a job does. */
    public enum Kind {
        /** a version's impact on stored decisions (policy owners) */
        IMPACT,
        /** every stored decision replayed on its own version (auditors) */
        REPLAY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> of(String id) {
            for (Kind k : values()) {
                if (k.id().equals(id)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** A job as started: the row, and whether an identical unfinished job was found instead of starting another. */
    public record Started(Job job, boolean reused) {
    }

    private final JobStore store;
    private final ImpactAnalysis impact;
    private final BulkReplay bulkReplay;
    private final DecisionQueries decisions;
    private final RuleSetHistory history;
    private final ActiveRuleSet active;
    private final ObjectMapper mapper;
    /** Jobs one instance runs at once; more are refused rather than queued, so no job waits unseen. */
    static final int AT_ONCE = 3;

    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "background-job");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore slots = new Semaphore(AT_ONCE);

    Jobs(JobStore store, ImpactAnalysis impact, BulkReplay bulkReplay, DecisionQueries decisions, RuleSetHistory history,
         ActiveRuleSet active, ObjectMapper mapper) {
        this.store = store;
        this.impact = impact;
        this.bulkReplay = bulkReplay;
        this.decisions = decisions;
        this.history = history;
        this.active = active;
        this.mapper = mapper;
    }

    /**
     * Starts an impact analysis of {@code version} against the active version, over decisions made in
     * [from, to) (either open). An identical job still queued or running is returned instead.
     *
     * @throws NotFoundException          no such version
     * @throws ActivationRefusedException the version does not compile, so there is nothing to replay on
     */
    public synchronized Started startImpact(String version, Instant from, Instant to, String by) {
        RuleSetCandidate candidate = history.candidate(version)
                .orElseThrow(() -> new NotFoundException("no rule-set version " + version));
        if (!candidate.report().path("compiled").asBoolean()) {
            throw new ActivationRefusedException("version " + version + " does not compile; there is nothing to replay on");
        }
        return start(Kind.IMPACT, version, active.require().version(), from, to, by);
    }

    /** Starts the replay of every stored decision made in [from, to) (either open) on its own version. */
    public synchronized Started startReplay(Instant from, Instant to, String by) {
        return start(Kind.REPLAY, null, null, from, to, by);
    }

    private Started start(Kind kind, String version, String against, Instant from, Instant to, String by) {
        Optional<Job> running = store.unfinished(kind.id(), version, against, from, to);
        if (running.isPresent()) {
            return new Started(running.get(), true);
        }
        if (!slots.tryAcquire()) {
            throw new JobsBusyException(AT_ONCE);
        }
        String id = UUID.randomUUID().toString();
        try {
            store.create(id, kind.id(), version, against, from, to, by);
            runner.submit(() -> {
                try {
                    run(id);
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
        return new Started(store.find(id).orElseThrow(), false);
    }

    /** The job, with any job whose instance went silent ended first. */
    public Optional<Job> find(String id) {
        store.abandon(Instant.now().minus(SILENT), "the instance running it stopped before it finished");
        return store.find(id);
    }

    public java.util.List<Job> list(String kind, String version, int limit) {
        store.abandon(Instant.now().minus(SILENT), "the instance running it stopped before it finished");
        return store.list(kind, version, limit);
    }

    /** @return false if the job had already finished */
    public boolean cancel(String id) {
        return store.requestCancel(id);
    }

    private void run(String id) {
        Job job = store.find(id).orElseThrow();
        Beat beat = new Beat(id);
        try {
            store.start(id, decisions.count(job.from(), job.to()));
            Object result = switch (Kind.of(job.kind()).orElseThrow()) {
                case IMPACT -> impact.analyze(job.version(), job.from(), job.to(), beat::progress, beat::cancelled);
                case REPLAY -> bulkReplay.replayAll(job.from(), job.to(), beat::progress, beat::cancelled);
            };
            store.finish(id, Job.SUCCEEDED, beat.done, mapper.writeValueAsString(result), null);
        } catch (CancellationException e) {
            store.finish(id, Job.CANCELLED, beat.done, null, "cancelled by request");
        } catch (WorkerFailure e) {
            boolean cancelled = e.kind() == WorkerFailure.Kind.CANCELLED;
            store.finish(id, cancelled ? Job.CANCELLED : Job.FAILED, beat.done, null,
                    cancelled ? "cancelled by request" : e.describe());
        } catch (Exception | Error e) {
            LOG.warnf(e, "background job %s (%s) failed", id, job.kind());
            try {
                store.finish(id, Job.FAILED, beat.done, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } catch (RuntimeException ignored) {
                // the database is gone; the heartbeat stops and the job is ended as abandoned
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        runner.shutdownNow();
    }

    /** Progress and the cancel flag of one running job, written and read at most once per {@link #BEAT}. */
    private final class Beat {
        private final String id;
        private volatile long done;
        private volatile boolean cancelRequested;
        private long lastBeat;

        Beat(String id) {
            this.id = id;
        }

        void progress(long replayed) {
            done = replayed;
            maybeBeat();
        }

        boolean cancelled() {
            maybeBeat();
            return cancelRequested;
        }

        private synchronized void maybeBeat() {
            long now = System.nanoTime();
            if (now - lastBeat >= BEAT.toNanos()) {
                lastBeat = now;
                cancelRequested = store.beat(id, done) || cancelRequested;
            }
        }
    }
}

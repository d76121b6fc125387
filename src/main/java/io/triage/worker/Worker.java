package io.triage.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.ShutdownEvent;
import io.triage.config.StartupRefusal;
import io.triage.config.TriageConfig;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.RuleSetFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs jobs on rule sets that are not yet trusted (candidates, impact analysis, what-if replays)
 * in a confined worker process, one fresh process per job, so that nothing a candidate does can
 * reach the service, its secrets, its database or its other jobs. One spare process is kept
 * started and warmed up on the active rule set, so a job waits neither for a JVM nor for its
 * compilers; it is used once and replaced when the job is done. While an impact analysis runs,
 * that spare's warm-up waits, so the two never share the cores. After an impact analysis, a
 * second spare, with the optimizing compiler and warmed up by replaying, waits for the next one.
 */
@ApplicationScoped
public class Worker {

    private static final Logger LOG = Logger.getLogger(Worker.class);

    private final String heap;
    private final Duration timeout;
    private final Duration impactTimeout;
    private final Duration startupTimeout;
    private final boolean keepSpare;
    private final AtomicReference<WorkerProcess> spare = new AtomicReference<>();
    private final boolean keepImpactSpare;
    private final AtomicReference<WorkerProcess> impactSpare = new AtomicReference<>();
    /** Set while an impact spare is being started, so two jobs ending together start one, not two. */
    private final AtomicBoolean impactSpareStarting = new AtomicBoolean();
    private final Supplier<RuleSetFiles> warmUpOn;
    private final int warmUpRounds;
    /** Long jobs running now: while any runs, the short spare's warm-up waits, so it never takes the cores from the job. */
    private final AtomicInteger longJobs = new AtomicInteger();
    private volatile boolean stopped;

    @Inject
    Worker(TriageConfig config, ActiveRuleSet active) {
        // the candidate a spare will check is most often the active version with a few lines changed
        this(config.worker().heap(), config.worker().timeout(), config.worker().impactTimeout(),
                config.worker().startupTimeout(), config.worker().spare(), config.worker().spare() && config.worker().impactSpare(),
                () -> active.current().map(a -> a.ruleSet().files()).orElse(null), config.worker().warmUpRounds());
    }

    /** For tools and tests that run without the service: spares warm up on the worker's own small rule set. */
    public Worker(String heap, Duration timeout, Duration impactTimeout, boolean keepSpare) {
        this(heap, timeout, impactTimeout, keepSpare, () -> null);
    }

    /** @param warmUpOn the trusted rule set spares warm up on, or null for the worker's own small one */
    public Worker(String heap, Duration timeout, Duration impactTimeout, boolean keepSpare, Supplier<RuleSetFiles> warmUpOn) {
        this(heap, timeout, impactTimeout, keepSpare, false, warmUpOn);
    }

    /** @param keepImpactSpare keep a spare with the optimizing compiler, warmed up by replaying, for the next long job */
    public Worker(String heap, Duration timeout, Duration impactTimeout, boolean keepSpare, boolean keepImpactSpare,
                  Supplier<RuleSetFiles> warmUpOn) {
        this(heap, timeout, impactTimeout, impactTimeout, keepSpare, keepImpactSpare, warmUpOn, WorkerRequests.WARM_UP_ROUNDS);
    }

    private Worker(String heap, Duration timeout, Duration impactTimeout, Duration startupTimeout, boolean keepSpare,
                   boolean keepImpactSpare, Supplier<RuleSetFiles> warmUpOn, int warmUpRounds) {
        if (warmUpRounds < 0 || warmUpRounds > 20) {
            throw new StartupRefusal("triage.worker.warm-up-rounds must be between 0 and 20, not " + warmUpRounds);
        }
        this.heap = heap;
        this.timeout = timeout;
        this.impactTimeout = impactTimeout;
        this.startupTimeout = startupTimeout;
        this.keepSpare = keepSpare;
        this.keepImpactSpare = keepImpactSpare;
        this.warmUpOn = warmUpOn;
        this.warmUpRounds = warmUpRounds;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration impactTimeout() {
        return impactTimeout;
    }

    public Duration startupTimeout() {
        return startupTimeout;
    }

    /**
     * Runs one job in a fresh worker and returns its result message.
     *
     * @param feed      writes further input after the request (records to replay), or null
     * @param onMessage receives the worker's messages before the result, or null
     * @throws WorkerFailure the job timed out, the worker died, or the job failed
     */
    public JsonNode run(JsonNode request, Consumer<Consumer<JsonNode>> feed, Consumer<JsonNode> onMessage, Duration limit) {
        return run(request, feed, onMessage, limit, false, null);
    }

    /** A long job (an impact analysis) gets a process with the optimizing compiler: the impact spare, or one started for it. */
    public JsonNode runLong(JsonNode request, Consumer<Consumer<JsonNode>> feed, Consumer<JsonNode> onMessage, Duration limit) {
        return run(request, feed, onMessage, limit, true, null);
    }

    /**
     * As {@link #runLong(JsonNode, Consumer, Consumer, Duration)}, and stops the job when
     * {@code cancelled} turns true (checked a few times a second): the process is killed and the
     * call ends with a {@link WorkerFailure} of kind {@code CANCELLED}.
     */
    public JsonNode runLong(JsonNode request, Consumer<Consumer<JsonNode>> feed, Consumer<JsonNode> onMessage, Duration limit,
                            BooleanSupplier cancelled) {
        return run(request, feed, onMessage, limit, true, cancelled);
    }

    private JsonNode run(JsonNode request, Consumer<Consumer<JsonNode>> feed, Consumer<JsonNode> onMessage, Duration limit,
                         boolean longRunning, BooleanSupplier cancelled) {
        if (longRunning) {
            longJobs.incrementAndGet();
            stopShortSpareWarmUp();
        }
        try (WorkerProcess process = longRunning ? take(impactSpare, true) : take(spare, false)) {
            long start = System.nanoTime();
            JsonNode result = process.run(request, feed, onMessage, limit, cancelled);
            LOG.debugf("worker %s: %s in %s ms", (Object) process.pid(), request.path("op").asText(), (System.nanoTime() - start) / 1_000_000);
            return result;
        } finally {
            if (longRunning && longJobs.decrementAndGet() == 0) {
                warmUpShortSpare();
            }
            refill(longRunning);
        }
    }

    /**
     * A long job starts: a short spare still warming up (after the validation just before, say) would
     * share the cores with it for seconds, so it is replaced by one that waits for its warm-up.
     */
    private void stopShortSpareWarmUp() {
        WorkerProcess warming = spare.get();
        if (warming != null && warming.warmingUp() && spare.compareAndSet(warming, null)) {
            warming.close();
            refill(false);
        }
    }

    /** The last long job is done: the short spare gets the warm-up it waited for. */
    private void warmUpShortSpare() {
        WorkerProcess waiting = spare.get();
        if (waiting != null) {
            waiting.warmUpOn(shortWarmUp(), () -> longJobs.get() == 0);
        }
    }

    private JsonNode shortWarmUp() {
        return WorkerRequests.warmUp(warmUpOn.get(), warmUpRounds);
    }

    /** The short spare's process id, or -1 when there is none. */
    long sparePid() {
        WorkerProcess ready = spare.get();
        return ready == null ? -1 : ready.pid();
    }

    /** The short spare was given its warm-up (false while a long job makes it wait). */
    boolean spareWarmUpSent() {
        WorkerProcess ready = spare.get();
        return ready != null && ready.warmUpSent();
    }

    public JsonNode run(JsonNode request) {
        return run(request, null, null, timeout);
    }

    /** A spare is started and waiting (it may still be warming up). */
    boolean spareReady() {
        WorkerProcess ready = spare.get();
        return ready != null && ready.isAlive();
    }

    /** An impact spare is started and waiting (it may still be warming up). */
    boolean impactSpareReady() {
        WorkerProcess ready = impactSpare.get();
        return ready != null && ready.isAlive();
    }

    private WorkerProcess take(AtomicReference<WorkerProcess> from, boolean longRunning) {
        WorkerProcess ready = from.getAndSet(null);
        if (ready != null && ready.isAlive()) {
            ready.claim();
            return ready;
        }
        if (ready != null) {
            ready.close();
        }
        // started for this job: it goes straight to work, a warm-up would only delay it
        return WorkerProcess.start(heap, longRunning, false);
    }

    /**
     * The next job's worker starts and warms up once this one is done, so the two never compete for
     * the cores. A short job's spare is replaced after every job; the impact spare after an impact
     * analysis. Not before the first analysis: its warm-up, with the optimizing compiler, made the
     * validations of the first minute after startup four times slower (BENCHMARKS §13).
     */
    private void refill(boolean afterLongJob) {
        if (stopped) {
            return;
        }
        boolean shortSpare = keepSpare && !afterLongJob;
        boolean longSpare = keepImpactSpare && afterLongJob && impactSpareStarting.compareAndSet(false, true);
        if (shortSpare || longSpare) {
            Thread refill = new Thread(() -> {
                if (shortSpare) {
                    refillSpare(spare, false, this::shortWarmUp);
                }
                if (longSpare) {
                    try {
                        // the replays make the optimizing compiler hot on an impact job's path; with no warm-up rounds, none
                        refillSpare(impactSpare, true, () -> WorkerRequests.warmUp(warmUpOn.get(), warmUpRounds,
                                warmUpRounds == 0 ? 0 : WorkerRequests.WARM_UP_REPLAYS));
                    } finally {
                        impactSpareStarting.set(false);
                    }
                }
            }, "worker-spare");
            refill.setDaemon(true);
            refill.start();
        }
    }

    private void refillSpare(AtomicReference<WorkerProcess> slot, boolean longRunning, Supplier<JsonNode> warmUp) {
        try {
            WorkerProcess next = WorkerProcess.start(heap, longRunning, true);
            WorkerProcess previous = slot.getAndSet(next);
            if (previous != null) {
                previous.close();
            }
            if (stopped) {
                closeSpares();
                return;
            }
            // in the slot first, then the check: a long job that ends meanwhile finds it there and warms it up
            try {
                next.warmUpOn(warmUp.get(), () -> longRunning || longJobs.get() == 0);
            } catch (RuntimeException e) {
                // only speed is lost: a spare without its warm-up serves its job cold
                LOG.warnf("a spare worker got no warm-up: %s", e.getMessage());
            }
        } catch (WorkerFailure e) {
            LOG.warnf("no spare worker: %s", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        closeSpares();
    }

    private void closeSpares() {
        for (AtomicReference<WorkerProcess> slot : List.of(spare, impactSpare)) {
            WorkerProcess left = slot.getAndSet(null);
            if (left != null) {
                left.close();
            }
        }
    }
}

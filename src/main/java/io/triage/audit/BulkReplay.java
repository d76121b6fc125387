package io.triage.audit;

import io.triage.history.StoredDecision;
import io.triage.store.DecisionQueries;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Replays many stored decisions at once (all of them, or a time window) on their own versions, one
 * core per worker thread of one shared pool, streaming them from the log so memory stays flat.
 * Every failure is reported with the decision it happened on; none stops the others.
 */
@ApplicationScoped
public class BulkReplay {

    /**
     * Kilobytes of records read but not yet replayed: about 2,000 ordinary decisions, or 64 of the
     * largest a default log takes. The scan reads hundreds of rows at a time and hands none on while
     * it does; a window of 16 decisions left the workers idle during every fetch (BENCHMARKS §21).
     */
    static final int IN_FLIGHT_KB = 16 * 1024;
    static final int LEAST_KB = 8;

    private final DecisionQueries decisions;
    private final ReplayService replays;
    private final int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
        Thread t = new Thread(r, "bulk-replay");
        t.setDaemon(true);
        return t;
    });

    BulkReplay(DecisionQueries decisions, ReplayService replays) {
        this.decisions = decisions;
        this.replays = replays;
    }

    void onStop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }

    /**
     * @param each    receives every result; called from worker threads, one at a time
     * @param failure receives every decision that could not be replayed and why; one at a time
     */
    public void run(Instant from, Instant to, Consumer<ReplayResult> each, BiConsumer<String, String> failure) {
        run(from, to, each, failure, () -> false);
    }

    private void run(Instant from, Instant to, Consumer<ReplayResult> each, BiConsumer<String, String> failure,
                     BooleanSupplier cancelled) {
        ReadAhead readAhead = new ReadAhead(pool, IN_FLIGHT_KB);
        Object lock = new Object();
        try {
            decisions.scan(from, to, stored -> {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled");
                }
                readAhead.submit(weight(stored), () -> {
                    try {
                        ReplayResult result = replays.replay(stored, null);
                        synchronized (lock) {
                            each.accept(result);
                        }
                    } catch (RuntimeException | Error e) {
                        synchronized (lock) {
                            failure.accept(stored.id(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                        }
                    }
                });
            });
            readAhead.awaitAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * A decision's share of the window: its record in kilobytes, and at least {@link #LEAST_KB}, so
     * that a log of small records does not put more than about 2,000 decisions in flight.
     */
    static int weight(StoredDecision stored) {
        long chars = stored.damaged() ? 0 : stored.record().length();
        return (int) Math.min(IN_FLIGHT_KB, Math.max(LEAST_KB, 1 + chars / 1024));
    }

    /** Every decision in the window replayed on its own version: the log re-proved. */
    public ReplayAllReport replayAll(Instant from, Instant to) {
        return replayAll(from, to, done -> { }, () -> false);
    }

    /**
     * As {@link #replayAll(Instant, Instant)}, for a background job: {@code progress} hears how many
     * decisions have been replayed so far; once {@code cancelled} turns true no further decision is
     * started and the call ends with a {@link java.util.concurrent.CancellationException}.
     */
    public ReplayAllReport replayAll(Instant from, Instant to, LongConsumer progress, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        ReplayAllReport.Builder report = new ReplayAllReport.Builder();
        long[] done = {0};
        run(from, to, result -> {
            report.add(result);
            progress.accept(++done[0]);
        }, (id, why) -> {
            report.failed(id, why);
            progress.accept(++done[0]);
        }, cancelled);
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
        return report.build((System.nanoTime() - start) / 1_000_000);
    }
}

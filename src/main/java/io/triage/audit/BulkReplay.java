package io.triage.audit;

import io.triage.store.DecisionQueries;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Replays many stored decisions at once (all of them, or a time window) on one core per worker,
 * streaming them from the log so memory stays flat. Used to re-prove the whole log and, with a
 * target version, for impact analysis.
 */
@ApplicationScoped
public class BulkReplay {

    private final DecisionQueries decisions;
    private final ReplayService replays;
    private final int workers = Math.max(1, Runtime.getRuntime().availableProcessors());

    BulkReplay(DecisionQueries decisions, ReplayService replays) {
        this.decisions = decisions;
        this.replays = replays;
    }

    /**
     * @param target null to replay each decision on its own version, else {@code active} or a version
     * @param each   receives every result; called from worker threads, one at a time
     */
    public void run(Instant from, Instant to, String target, Consumer<ReplayResult> each) {
        run(from, to, target, each, () -> false);
    }

    private void run(Instant from, Instant to, String target, Consumer<ReplayResult> each, BooleanSupplier cancelled) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "bulk-replay");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(workers * 8);
        List<Future<?>> pending = new ArrayList<>();
        Object lock = new Object();
        try {
            decisions.scan(from, to, stored -> {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled");
                }
                inFlight.acquireUninterruptibly();
                pending.add(pool.submit(() -> {
                    try {
                        ReplayResult result = replays.replay(stored, target);
                        synchronized (lock) {
                            each.accept(result);
                        }
                    } finally {
                        inFlight.release();
                    }
                }));
                if (pending.size() > 10_000) {
                    pending.removeIf(Future::isDone);
                }
            });
            for (Future<?> f : pending) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
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
        run(from, to, null, result -> {
            report.add(result);
            progress.accept(++done[0]);
        }, cancelled);
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
        return report.build((System.nanoTime() - start) / 1_000_000);
    }
}

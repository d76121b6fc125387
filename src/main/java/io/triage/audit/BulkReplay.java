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
import java.util.function.Consumer;

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
        long start = System.nanoTime();
        ReplayAllReport.Builder report = new ReplayAllReport.Builder();
        run(from, to, null, report::add);
        return report.build((System.nanoTime() - start) / 1_000_000);
    }
}

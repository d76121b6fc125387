package io.triage.audit;

import io.triage.store.DecisionQueries;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Replays many stored decisions at once (all of them, or a time window) on their own versions, one
 * core per worker thread of one shared pool, streaming them from the log so memory stays flat.
 * Every failure is reported with the decision it happened on; none stops the others.
 */
@ApplicationScoped
public class BulkReplay {

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
        Semaphore inFlight = new Semaphore(workers * 8);
        List<Future<?>> pending = new ArrayList<>();
        Object lock = new Object();
        try {
            decisions.scan(from, to, stored -> {
                inFlight.acquireUninterruptibly();
                pending.add(pool.submit(() -> {
                    try {
                        ReplayResult result = replays.replay(stored, null);
                        synchronized (lock) {
                            each.accept(result);
                        }
                    } catch (RuntimeException | Error e) {
                        synchronized (lock) {
                            failure.accept(stored.id(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
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
        }
    }

    /** Every decision in the window replayed on its own version: the log re-proved. */
    public ReplayAllReport replayAll(Instant from, Instant to) {
        long start = System.nanoTime();
        ReplayAllReport.Builder report = new ReplayAllReport.Builder();
        run(from, to, report::add, report::failed);
        return report.build((System.nanoTime() - start) / 1_000_000);
    }
}

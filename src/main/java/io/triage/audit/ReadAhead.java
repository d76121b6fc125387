package io.triage.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Hands tasks to a pool while their producer reads ahead of them by at most a window of weight
 * (kilobytes of records): {@link #submit} waits while the window is full. A task holds its weight
 * until it ends, however it ends. One producer thread; not for sharing between producers.
 */
final class ReadAhead {

    private final ExecutorService pool;
    private final int window;
    private final Semaphore free;
    private final List<Future<?>> pending = new ArrayList<>();

    ReadAhead(ExecutorService pool, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("a window holds at least one unit, not " + window);
        }
        this.pool = pool;
        this.window = window;
        this.free = new Semaphore(window);
    }

    /** Waits for room, then starts {@code task}; a weight above the window takes the whole window. */
    void submit(int weight, Runnable task) {
        int taken = Math.max(1, Math.min(window, weight));
        free.acquireUninterruptibly(taken);
        try {
            pending.add(pool.submit(() -> {
                try {
                    task.run();
                } finally {
                    free.release(taken);
                }
            }));
        } catch (RuntimeException e) {
            free.release(taken); // the pool refused the task, so it never ran to release it
            throw e;
        }
        // at most 'window' tasks are not done (each weighs at least one), so clearing the done ones
        // whenever the list reaches twice that keeps it bounded at a constant cost per task
        if (pending.size() > 2 * window) {
            pending.removeIf(Future::isDone);
        }
    }

    /** Waits until every task has ended; the first that failed fails this call. */
    void awaitAll() throws InterruptedException, ExecutionException {
        for (Future<?> f : pending) {
            f.get();
        }
    }

    /** Units of the window not taken now (for tests). */
    int free() {
        return free.availablePermits();
    }
}

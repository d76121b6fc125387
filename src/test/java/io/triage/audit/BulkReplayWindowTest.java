package io.triage.audit;

import io.triage.history.StoredDecision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bulk replay reads ahead of its workers by the records' size, not their number: a log of the
 * largest records a rule set may produce must not be read into memory two thousand at a time, and
 * the reader must wait, not fail, while the window is full.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a window that never gets its room back makes the reader wait for ever
class BulkReplayWindowTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aDecisionTakesItsRecordsSizeInKilobytesOfTheWindowAtLeastEightAndNeverMoreThanAllOfIt() {
        assertThat(BulkReplay.weight(decision("{}"))).isEqualTo(8);
        assertThat(BulkReplay.weight(decision(null))).isEqualTo(8);
        assertThat(BulkReplay.weight(decision("x".repeat(5_600)))).isEqualTo(8);
        // the default largest record: 64 of them fill the 16 MB window
        assertThat(BulkReplay.weight(decision("x".repeat(256 * 1024)))).isEqualTo(257);
        assertThat(BulkReplay.IN_FLIGHT_KB / BulkReplay.weight(decision("x".repeat(256 * 1024)))).isEqualTo(63);
        // a record larger than the window still gets through, alone
        assertThat(BulkReplay.weight(decision("x".repeat(20 * 1024 * 1024)))).isEqualTo(BulkReplay.IN_FLIGHT_KB);
        // small records: at most 2,048 decisions in flight
        assertThat(BulkReplay.IN_FLIGHT_KB / BulkReplay.LEAST_KB).isEqualTo(2_048);
    }

    @Test
    void theReaderWaitsWhileTheWindowIsFullAndGoesOnOnceATaskEnds() throws Exception {
        ReadAhead readAhead = new ReadAhead(pool, 10);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        Runnable held = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.incrementAndGet();
        };
        readAhead.submit(6, held);
        readAhead.submit(4, held);
        assertThat(readAhead.free()).isZero();
        CountDownLatch thirdSubmitted = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            readAhead.submit(5, done::incrementAndGet);
            thirdSubmitted.countDown();
        });
        reader.start();
        assertThat(thirdSubmitted.await(300, TimeUnit.MILLISECONDS)).as("the reader waits for room").isFalse();
        release.countDown();
        assertThat(thirdSubmitted.await(5, TimeUnit.SECONDS)).as("the reader goes on once tasks end").isTrue();
        reader.join();
        readAhead.awaitAll();
        assertThat(done).hasValue(3);
        assertThat(readAhead.free()).isEqualTo(10);
    }

    @Test
    void aTaskThatFailsGivesItsRoomBackAndFailsTheWait() throws Exception {
        ReadAhead readAhead = new ReadAhead(pool, 10);
        readAhead.submit(10, () -> {
            throw new IllegalStateException("broken record");
        });
        // the whole window was taken by the failed task; this would wait for ever without its release
        AtomicInteger done = new AtomicInteger();
        readAhead.submit(25, done::incrementAndGet);
        assertThatThrownBy(readAhead::awaitAll).isInstanceOf(ExecutionException.class).hasRootCauseMessage("broken record");
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(done).hasValue(1);
        assertThat(readAhead.free()).isEqualTo(10);
    }

    private static StoredDecision decision(String record) {
        return new StoredDecision(1, "d", record, "sha256:0", "sha256:1",
                new StoredDecision.Lookup(Instant.EPOCH, "presales", "sha256:v", "q1", " "));
    }
}

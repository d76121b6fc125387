package io.triage.audit;

import io.triage.history.StoredDecision;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk replay reads ahead of its workers by the records' size, not their number: a log of the
 * largest records a rule set may produce must not be read into memory two thousand at a time.
 */
class BulkReplayWindowTest {

    @Test
    void aDecisionTakesItsRecordsSizeInKilobytesOfTheWindowAndNeverMoreThanAllOfIt() {
        assertThat(BulkReplay.weight(decision("{}"))).isEqualTo(1);
        assertThat(BulkReplay.weight(decision("x".repeat(5_600)))).isEqualTo(6);
        // the default largest record: 64 of them fill the 16 MB window
        assertThat(BulkReplay.weight(decision("x".repeat(256 * 1024)))).isEqualTo(257);
        // a record larger than the window still gets through, alone
        assertThat(BulkReplay.weight(decision("x".repeat(20 * 1024 * 1024)))).isEqualTo(16 * 1024);
        assertThat(BulkReplay.weight(decision(null))).isEqualTo(1);
    }

    private static StoredDecision decision(String record) {
        return new StoredDecision(1, "d", record, "sha256:0", "sha256:1",
                new StoredDecision.Lookup(Instant.EPOCH, "presales", "sha256:v", "q1", " "));
    }
}

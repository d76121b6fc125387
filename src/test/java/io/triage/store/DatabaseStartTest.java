package io.triage.store;

import io.triage.config.StartupRefusal;
import io.triage.config.TriageConfig.Db.RecordCompression;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseStartTest {

    @Test
    void theLargestRecordAllowedOnH2FitsItsColumnEvenIfItDoesNotCompress() {
        long largest = DatabaseStart.largestRecordOnH2();
        byte[] noise = new byte[(int) largest];
        new Random(17).nextBytes(noise);
        for (RecordCompression compression : RecordCompression.values()) {
            assertThat(RecordCodec.encode(noise, compression).length).as(compression.name()).isLessThanOrEqualTo(1_000_000);
        }
        assertThat(largest).isGreaterThan(990_000);
    }

    @Test
    void aMaxRecordTheLogCannotHoldRefusesStartupSayingWhatToSet() {
        assertThatCode(() -> DatabaseStart.refuseRecordsTheLogCannotHold(256 * 1024, false)).doesNotThrowAnyException();
        assertThatCode(() -> DatabaseStart.refuseRecordsTheLogCannotHold(DatabaseStart.largestRecordOnH2(), false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> DatabaseStart.refuseRecordsTheLogCannotHold(DatabaseStart.largestRecordOnH2() + 1, false))
                .isInstanceOf(StartupRefusal.class)
                .hasMessageContaining("triage.engine.max-record").hasMessageContaining("TRIAGE_ENGINE_MAX_RECORD")
                .hasMessageContaining("use PostgreSQL");
        // PostgreSQL's bytea holds far more; the limit there is what the codec reads back
        assertThatCode(() -> DatabaseStart.refuseRecordsTheLogCannotHold(2 * 1024 * 1024, true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> DatabaseStart.refuseRecordsTheLogCannotHold(RecordCodec.MAX_RECORD_BYTES + 1L, true))
                .isInstanceOf(StartupRefusal.class).hasMessageContaining("reads back records of at most");
    }
}

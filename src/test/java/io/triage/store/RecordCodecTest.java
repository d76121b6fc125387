package io.triage.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecTest {

    @Test
    void recordsOfEverySizeComeBackAsTheyWereStored() {
        Random random = new Random(7);
        StringBuilder repetitive = new StringBuilder();
        while (repetitive.length() < 1_000_000) {
            repetitive.append("{\"rule\":\"rag-not-fine-tuning\",\"seq\":1},");
        }
        StringBuilder noisy = new StringBuilder();
        while (noisy.length() < 100_000) {
            noisy.append((char) (' ' + random.nextInt(95)));
        }
        // empty; small; what a decision is; one that inflates far past four times its stored size;
        // one that hardly compresses, so the compressed bytes outgrow their first buffer
        for (String record : new String[] {"", "{}", "{\"answers\":{\"data_classification\":\"secret\"}}",
                "{\"text\":\"" + "é€ ".repeat(2_000) + "\"}", repetitive.toString(), noisy.toString()}) {
            byte[] stored = RecordCodec.encode(record.getBytes(StandardCharsets.UTF_8));
            assertThat(RecordCodec.decode(stored)).isEqualTo(record);
        }
    }

    @Test
    void storedBytesThatNoLongerInflateAreReportedAsDamaged() {
        byte[] stored = RecordCodec.encode("{\"answers\":{\"monthly_calls\":1000}}".repeat(50).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> RecordCodec.decode(Arrays.copyOf(stored, stored.length / 2)))
                .isInstanceOf(RecordCodec.DamagedRecordException.class).hasMessageContaining("truncated");
        byte[] garbled = stored.clone();
        garbled[0] ^= 0x55;
        assertThatThrownBy(() -> RecordCodec.decode(garbled))
                .isInstanceOf(RecordCodec.DamagedRecordException.class).hasMessageContaining("not readable");
        // a damaged record does not spoil the next one read on the same thread
        assertThat(RecordCodec.decode(stored)).startsWith("{\"answers\"");
    }

    @Test
    void storedBytesThatWouldInflatePastAnyRecordAreDamagedNotAFullHeap() {
        // a deflate bomb as someone with access to the database could store it: 100 MB of zeros in about 100 KB
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION);
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        byte[] zeros = new byte[1024 * 1024];
        byte[] buffer = new byte[64 * 1024];
        for (int i = 0; i < 100; i++) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                bomb.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            bomb.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        assertThat(bomb.size()).isLessThan(200_000);

        assertThatThrownBy(() -> RecordCodec.decode(bomb.toByteArray()))
                .isInstanceOf(RecordCodec.DamagedRecordException.class)
                .hasMessageContaining("inflates past 64 MB");
    }
}

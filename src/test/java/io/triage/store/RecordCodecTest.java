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
    void recordsAreWrittenAsLz4AndThoseWrittenAsDeflateStreamsStayReadable() {
        String record = "{\"answers\":{\"monthly_calls\":1000},\"trace\":[" + "{\"rule\":\"rag\"},".repeat(200) + "{}]}";
        byte[] json = record.getBytes(StandardCharsets.UTF_8);

        byte[] stored = RecordCodec.encode(json);
        assertThat(stored[0]).isEqualTo(RecordCodec.LZ4_TAG);
        assertThat(stored.length).isLessThan(json.length / 4);
        assertThat(RecordCodec.decode(stored)).isEqualTo(record);

        byte[] legacy = StoreTamper.deflated(json);
        assertThat(legacy[0]).isEqualTo((byte) 0x78);
        assertThat(RecordCodec.decode(legacy)).isEqualTo(record);
    }

    @Test
    void storedLz4BytesThatWereDamagedAreReportedAsDamaged() {
        byte[] stored = RecordCodec.encode("{\"answers\":{\"monthly_calls\":1000}}".repeat(50).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> RecordCodec.decode(Arrays.copyOf(stored, stored.length / 2)))
                .isInstanceOf(RecordCodec.DamagedRecordException.class).hasMessageContaining("checksum");
        assertThatThrownBy(() -> RecordCodec.decode(Arrays.copyOf(stored, 8)))
                .isInstanceOf(RecordCodec.DamagedRecordException.class).hasMessageContaining("truncated");
        // one flipped bit in the block would decompress to other text; the checksum reports it as damage
        byte[] flipped = stored.clone();
        flipped[flipped.length / 2] ^= 0x20;
        assertThatThrownBy(() -> RecordCodec.decode(flipped))
                .isInstanceOf(RecordCodec.DamagedRecordException.class).hasMessageContaining("checksum");
        assertThat(RecordCodec.decode(stored)).startsWith("{\"answers\"");
    }

    @Test
    void lengthsABlockDoesNotHoldAreRefusedEvenWithAMatchingChecksum() {
        byte[] stored = RecordCodec.encode("{\"answers\":{\"monthly_calls\":1000}}".repeat(50).getBytes(StandardCharsets.UTF_8));
        // larger than the block holds, smaller, and larger than any record may be
        for (int[] length : new int[][] {{0, 0, 7, 0}, {0, 0, 0, 9}, {0x7f, 0xff, 0xff, 0xff}, {0xff, 0xff, 0xff, 0xff}, {4, 0, 0, 1}}) {
            byte[] lying = stored.clone();
            for (int i = 0; i < 4; i++) {
                lying[1 + i] = (byte) length[i];
            }
            assertThatThrownBy(() -> RecordCodec.decode(withChecksum(lying))).isInstanceOf(RecordCodec.DamagedRecordException.class)
                    .hasMessageNotContaining("checksum");
        }
        // a block that is not LZ4 at all
        byte[] garbage = stored.clone();
        Arrays.fill(garbage, 9, garbage.length, (byte) 0xf0);
        assertThatThrownBy(() -> RecordCodec.decode(withChecksum(garbage))).isInstanceOf(RecordCodec.DamagedRecordException.class)
                .hasMessageContaining("not readable");
    }

    @Test
    void aClaimedLengthNoBlockCouldHoldIsRefusedBeforeAnythingIsAllocated() {
        // 64 MB claimed by a 20-byte block: LZ4 expands at most 255-fold, so this is a lie told to fill the heap
        byte[] lie = {RecordCodec.LZ4_TAG, 0x04, 0, 0, 0, 0, 0, 0, 0, 0x1f, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

        assertThatThrownBy(() -> RecordCodec.decode(withChecksum(lie)))
                .isInstanceOf(RecordCodec.DamagedRecordException.class).hasMessageContaining("compressed bytes can hold");
    }

    @Test
    void anyDamageToStoredBytesGivesBackTheRecordOrADamagedRecordNeverAnotherFailure() {
        Random random = new Random(17);
        String record = "{\"answers\":{\"data_classification\":\"secret\",\"monthly_calls\":250000},\"trace\":["
                + "{\"rule\":\"classified-needs-cleared-environment\",\"facts\":[\"data_classification\"]},".repeat(40) + "{}]}";
        byte[] json = record.getBytes(StandardCharsets.UTF_8);
        for (byte[] stored : new byte[][] {RecordCodec.encode(json), StoreTamper.deflated(json)}) {
            boolean lz4 = stored[0] == RecordCodec.LZ4_TAG;
            for (int round = 0; round < 5_000; round++) {
                byte[] damaged = damage(stored, round, random);
                try {
                    String decoded = RecordCodec.decode(damaged);
                    if (lz4) {
                        // the checksum leaves no damage unreported; only undamaged bytes come back
                        assertThat(decoded).isEqualTo(record);
                        assertThat(damaged).isEqualTo(stored);
                    } // a deflate stream may decode to other text: the record's hash catches that
                } catch (RecordCodec.DamagedRecordException expected) {
                    // reported as a damaged record, as it should be
                }
            }
        }
    }

    /** One byte changed, the end cut off, or everything after a point overwritten. */
    private static byte[] damage(byte[] stored, int round, Random random) {
        byte[] damaged = stored.clone();
        switch (round % 3) {
            case 0 -> damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
            case 1 -> damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length));
            default -> {
                for (int i = 1 + random.nextInt(damaged.length - 1); i < damaged.length; i++) {
                    damaged[i] = (byte) random.nextInt(256);
                }
            }
        }
        return damaged;
    }

    /** The bytes with the checksum the codec would give them: what someone who knows the format writes. */
    private static byte[] withChecksum(byte[] stored) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(stored, 0, 5);
        crc.update(stored, 9, stored.length - 9);
        long value = crc.getValue();
        for (int i = 0; i < 4; i++) {
            stored[5 + i] = (byte) (value >>> (24 - 8 * i));
        }
        return stored;
    }

    @Test
    void storedBytesThatNoLongerInflateAreReportedAsDamaged() {
        byte[] stored = StoreTamper.deflated("{\"answers\":{\"monthly_calls\":1000}}".repeat(50).getBytes(StandardCharsets.UTF_8));

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

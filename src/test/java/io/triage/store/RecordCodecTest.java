package io.triage.store;

import io.triage.config.TriageConfig.Db.RecordCompression;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecTest {

    private static final String RECORD = "{\"answers\":{\"believes_lora_adds_knowledge\":true},\"codes\":[\"LORA_NOT_KNOWLEDGE\",\"RAG\"],"
            + "\"trace\":[{\"rule\":\"lora-is-not-knowledge\"},{\"rule\":\"lora-is-not-knowledge\"},{\"rule\":\"lora-is-not-knowledge\"}]}";

    /** {@link #RECORD} as 656b3da and every version before it stored it: a deflate stream. */
    private static final String RECORD_AS_DEFLATE = "7801a58cb10a83301806dfe59b931770132a0e150352e82012a2f929d290c09f588790776f3af900dd"
            + "6eb8bb0ce3e3491cd164ace476fa50d42eb0d1c6daa8df3e9c8eec8bd0243ea8086cc152b5670c6a6af5a81efa3eaae7d0ddfa0e0253db"
            + "6311486cb69acc197cb80af81de51ea50f495ecf22fe1696f20510434426";

    /** {@link #RECORD} as stored since LZ4 came: tag 'L', length 195, CRC-32C, then the block (with back-references). */
    private static final String RECORD_AS_LZ4 = "4c000000c357e0ba36f0597b22616e7377657273223a7b2262656c69657665735f6c6f72615f6164"
            + "64735f6b6e6f776c65646765223a747275657d2c22636f646573223a5b224c4f52415f4e4f545f4b4e4f574c45444745222c2252414722"
            + "5d2c227472616365223a5b7b2272756c65223a225200862d69732d6e6f742d54002f7d2c21002b5065227d5d7d";

    @Test
    void theStoredFormatsArePinnedSoRecordsAlreadyInALogStayReadable() {
        byte[] json = RECORD.getBytes(StandardCharsets.UTF_8);
        assertThat(RecordCodec.decode(HexFormat.of().parseHex(RECORD_AS_DEFLATE))).isEqualTo(RECORD);
        assertThat(RecordCodec.decode(HexFormat.of().parseHex(RECORD_AS_LZ4))).isEqualTo(RECORD);
        // and written today in the same formats (the compressed bytes themselves may differ with the
        // library's or the system's zlib version; what must hold is that the pinned bytes above decode)
        assertThat(HexFormat.of().formatHex(RecordCodec.encode(json, RecordCompression.DEFLATE))).startsWith("78");
        assertThat(HexFormat.of().formatHex(RecordCodec.encode(json))).startsWith(RECORD_AS_LZ4.substring(0, 10));
    }

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
        // empty; small; what a decision is; one that expands far past four times its stored size (the
        // deflate reader's first buffer); one that hardly compresses, so the compressed bytes outgrow
        // the deflate writer's first buffer
        for (String record : new String[] {"", "{}", "{\"answers\":{\"data_classification\":\"secret\"}}",
                "{\"text\":\"" + "é€ ".repeat(2_000) + "\"}", repetitive.toString(), noisy.toString()}) {
            for (RecordCompression compression : RecordCompression.values()) {
                byte[] stored = RecordCodec.encode(record.getBytes(StandardCharsets.UTF_8), compression);
                assertThat(RecordCodec.decode(stored)).as(compression.toString()).isEqualTo(record);
            }
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

        byte[] legacy = RecordCodec.encode(json, RecordCompression.DEFLATE);
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
        int[][] lengths = {{0, 0, 7, 0}, {0, 0, 0, 9}, {0x7f, 0xff, 0xff, 0xff}, {0xff, 0xff, 0xff, 0xff}};
        String[] refusals = {"truncated: 1700 of 1792 bytes", "not readable", "more than any record may be", "more than any record may be"};
        for (int c = 0; c < lengths.length; c++) {
            byte[] lying = stored.clone();
            for (int i = 0; i < 4; i++) {
                lying[1 + i] = (byte) lengths[c][i];
            }
            assertThatThrownBy(() -> RecordCodec.decode(withChecksum(lying))).isInstanceOf(RecordCodec.DamagedRecordException.class)
                    .hasMessageContaining(refusals[c]);
        }
        // a block that is not LZ4 at all
        byte[] garbage = stored.clone();
        Arrays.fill(garbage, 9, garbage.length, (byte) 0xf0);
        assertThatThrownBy(() -> RecordCodec.decode(withChecksum(garbage))).isInstanceOf(RecordCodec.DamagedRecordException.class)
                .hasMessageContaining("not readable");
    }

    @Test
    void aClaimedLengthNoBlockCouldHoldIsRefusedBeforeAnythingIsAllocated() {
        // 64 MB claimed by a 15-byte block: LZ4 expands at most 255-fold, so this is a lie told to fill the heap
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
        for (RecordCompression compression : RecordCompression.values()) {
            byte[] stored = RecordCodec.encode(json, compression);
            boolean lz4 = compression == RecordCompression.LZ4;
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
                if (lz4 && damaged.length >= 9 && damaged[0] == RecordCodec.LZ4_TAG) {
                    // someone who knows the format fixes the checksum: the block itself reaches the decompressor
                    try {
                        RecordCodec.decode(withChecksum(damaged)); // other text at most: the record's hash catches that
                    } catch (RecordCodec.DamagedRecordException expected) {
                        // reported as a damaged record
                    }
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
        byte[] stored = RecordCodec.encode("{\"answers\":{\"monthly_calls\":1000}}".repeat(50).getBytes(StandardCharsets.UTF_8),
                RecordCompression.DEFLATE);

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

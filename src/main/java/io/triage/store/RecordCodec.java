package io.triage.store;

import io.triage.config.TriageConfig.Db.RecordCompression;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How a record's canonical JSON is kept in the database: compressed. Decision records repeat the
 * same facts many times over (the trace), so they shrink about 2.4-fold with LZ4 (3.3-fold with
 * deflate, at three times the CPU: deflating was a decision's most expensive stage after the log's
 * commit). Records are written as an LZ4 block behind a header: a tag byte, the record's length and
 * a CRC-32C of the rest. Deflate streams, as every record was written before LZ4 came, stay
 * readable, and can still be written for a rolling upgrade ({@code triage.db.record-compression}).
 *
 * <p>The hash is always over the uncompressed canonical JSON, and proves the content. The CRC only
 * tells damaged storage (reported as a damaged record, as a deflate stream's own checksum did) from
 * content that decompresses but was changed (reported as not matching its hash); LZ4 alone has no
 * checksum, so a flipped byte would decompress to other text.
 */
public final class RecordCodec {

    /**
     * No record decompresses past this: the service refuses to store one over {@code triage.engine.max-record}
     * (256 KB by default). Stored bytes that would (a deflate bomb of 1 MB can inflate to 1 GB) are a
     * damaged record, not a reason to fill the heap.
     */
    static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;

    /**
     * First byte of an LZ4 record. A deflate stream starts with a zlib header whose low four bits are 8,
     * so this byte (low bits 0xC) never begins one, and the two formats cannot be mistaken.
     */
    static final byte LZ4_TAG = 'L';

    /** Tag byte, the record's length, then the CRC-32C of everything but itself (four bytes each, big-endian). */
    private static final int LZ4_HEADER = 9;

    /** LZ4 cannot expand data more than 255-fold; a stored length beyond that is a lie, refused before allocating. */
    private static final long LZ4_MAX_RATIO = 255;

    // pure Java both ways: no native library unpacked into a temporary folder of a process that holds
    // the database's credentials, and stored bytes, which may have been tampered with, only ever meet
    // bounds-checked code (the native compressor would not load from the service's class loader anyway)
    private static final LZ4Compressor COMPRESSOR = LZ4Factory.safeInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.safeInstance().safeDecompressor();

    private RecordCodec() {
    }

    /**
     * The most bytes a record of this many bytes can take once stored, however badly it compresses:
     * LZ4 adds at most one byte in 255 and a few more, deflate far less, both plus the header.
     */
    static long largestStored(long recordBytes) {
        return recordBytes + recordBytes / 255 + 64;
    }

    public static byte[] encode(byte[] canonicalJson) {
        return encode(canonicalJson, RecordCompression.LZ4);
    }

    public static byte[] encode(byte[] canonicalJson, RecordCompression compression) {
        return compression == RecordCompression.DEFLATE ? deflate(canonicalJson) : lz4(canonicalJson);
    }

    private static byte[] lz4(byte[] canonicalJson) {
        byte[] out = new byte[LZ4_HEADER + COMPRESSOR.maxCompressedLength(canonicalJson.length)];
        out[0] = LZ4_TAG;
        putInt(out, 1, canonicalJson.length);
        int compressed = COMPRESSOR.compress(canonicalJson, 0, canonicalJson.length, out, LZ4_HEADER, out.length - LZ4_HEADER);
        byte[] stored = Arrays.copyOf(out, LZ4_HEADER + compressed);
        putInt(stored, 5, (int) crc(stored));
        return stored;
    }

    /** The canonical JSON, or {@link DamagedRecordException} if the stored bytes do not decompress. */
    public static String decode(byte[] stored) {
        if (stored.length > 0 && stored[0] == LZ4_TAG) {
            return decodeLz4(stored);
        }
        return inflate(stored);
    }

    private static String decodeLz4(byte[] stored) {
        if (stored.length < LZ4_HEADER) {
            throw new DamagedRecordException("the stored record is truncated");
        }
        if (getInt(stored, 5) != crc(stored)) {
            throw new DamagedRecordException("the stored record is not readable: its checksum does not match");
        }
        long length = getInt(stored, 1);
        if (length > MAX_RECORD_BYTES) {
            throw new DamagedRecordException("the stored record claims " + length + " bytes, more than any record may be");
        }
        if (length > (stored.length - LZ4_HEADER) * LZ4_MAX_RATIO + 16) {
            throw new DamagedRecordException("the stored record claims " + length + " bytes, more than its "
                    + (stored.length - LZ4_HEADER) + " compressed bytes can hold");
        }
        byte[] out = new byte[(int) length];
        int written;
        try {
            written = DECOMPRESSOR.decompress(stored, LZ4_HEADER, stored.length - LZ4_HEADER, out, 0, out.length);
        } catch (LZ4Exception | IndexOutOfBoundsException | IllegalArgumentException e) {
            // only LZ4Exception is expected; the others would stop a whole scan instead of naming one damaged record
            throw new DamagedRecordException("the stored record is not readable: "
                    + (e.getMessage() == null ? "not an LZ4 block" : e.getMessage()));
        }
        if (written != length) {
            throw new DamagedRecordException("the stored record is truncated: " + written + " of " + length + " bytes");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Over the tag, the length and the block: all but the checksum's own four bytes. */
    private static long crc(byte[] stored) {
        CRC32C crc = new CRC32C();
        crc.update(stored, 0, 5);
        crc.update(stored, LZ4_HEADER, stored.length - LZ4_HEADER);
        return crc.getValue();
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    /** Unsigned. */
    private static long getInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xFFL) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
    }

    /** A deflate stream at deflate's fastest level, as every record was written before LZ4 came. */
    private static byte[] deflate(byte[] canonicalJson) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(canonicalJson);
            deflater.finish();
            byte[] out = new byte[canonicalJson.length / 2 + 64];
            int length = 0;
            while (!deflater.finished()) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                length += deflater.deflate(out, length, out.length - length);
            }
            return Arrays.copyOf(out, length);
        } finally {
            deflater.end();
        }
    }

    /** A deflate stream. */
    private static String inflate(byte[] stored) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored);
            byte[] out = new byte[(int) Math.min(MAX_RECORD_BYTES, Math.max(1024L, stored.length * 4L))];
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    if (length >= MAX_RECORD_BYTES) {
                        throw new DamagedRecordException("the stored record inflates past " + MAX_RECORD_BYTES / (1024 * 1024)
                                + " MB, more than any record may be");
                    }
                    out = Arrays.copyOf(out, Math.min(out.length * 2, MAX_RECORD_BYTES));
                }
                int n = inflater.inflate(out, length, out.length - length);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DamagedRecordException("the stored record is truncated");
                }
                length += n;
            }
            return new String(out, 0, length, StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new DamagedRecordException("the stored record is not readable: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /** Stored bytes that are not a record any more. */
    public static class DamagedRecordException extends RuntimeException {
        public DamagedRecordException(String message) {
            super(message);
        }
    }
}

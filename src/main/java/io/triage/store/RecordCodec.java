package io.triage.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How a record's canonical JSON is kept in the database: deflate-compressed. Decision records
 * repeat the same facts many times over (the trace), so they shrink about fivefold, and the
 * single writer of the log has that much less to push through the database. The hash is always
 * over the uncompressed canonical JSON; a compressed value that no longer inflates is reported as
 * a damaged record.
 */
public final class RecordCodec {

    /**
     * No record inflates past this: the service refuses to store one over {@code triage.engine.max-record}
     * (256 KB by default). Stored bytes that would (a deflate bomb of 1 MB can inflate to 1 GB) are a
     * damaged record, not a reason to fill the heap.
     */
    static final int MAX_INFLATED = 64 * 1024 * 1024;

    private RecordCodec() {
    }

    public static byte[] encode(byte[] canonicalJson) {
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

    /** The canonical JSON, or {@link DamagedRecordException} if the stored bytes do not inflate. */
    public static String decode(byte[] stored) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored);
            byte[] out = new byte[(int) Math.min(MAX_INFLATED, Math.max(1024L, stored.length * 4L))];
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    if (length >= MAX_INFLATED) {
                        throw new DamagedRecordException("the stored record inflates past " + MAX_INFLATED / (1024 * 1024)
                                + " MB, more than any record may be");
                    }
                    out = Arrays.copyOf(out, Math.min(out.length * 2, MAX_INFLATED));
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

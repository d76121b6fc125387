package io.triage.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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

    private RecordCodec() {
    }

    public static byte[] encode(byte[] canonicalJson) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(canonicalJson);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(canonicalJson.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** The canonical JSON, or {@link DamagedRecordException} if the stored bytes do not inflate. */
    public static String decode(byte[] stored) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored);
            ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 6);
            byte[] buffer = new byte[16384];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DamagedRecordException("the stored record is truncated");
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
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

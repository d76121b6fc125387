package io.triage.decision;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * Decision ids: version 7 UUIDs (RFC 9562). The first 48 bits are the decision's time in
 * milliseconds and 74 of the other 80 are random, so ids stay unguessable while ids made one after
 * another sort together. The log's unique index on them then grows at its end, as the table does.
 * With random (version 4) ids every decision rewrote an index page somewhere in the middle, and on
 * H2 those pages kept old chunks of the file partly alive, so the file grew faster than the log
 * (BENCHMARKS §15).
 */
public final class DecisionIds {

    private static final Random RANDOM = new SecureRandom();

    private DecisionIds() {
    }

    /** A new id for a decision made at this time. */
    public static String at(Instant createdAt) {
        return at(createdAt, RANDOM);
    }

    static String at(Instant createdAt, Random random) {
        long millis = createdAt.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
        long high = millis << 16 | 0x7000L | random.nextInt(0x1000);
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}

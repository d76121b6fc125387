package io.triage.history;

import io.triage.json.Sha256;

import java.nio.charset.StandardCharsets;

/**
 * The hash chain: {@code recordHash = SHA-256(previousHash ‖ canonical JSON of the record)}, where
 * the record excludes its own hash fields and the first record's previous hash is {@link #GENESIS}.
 * Changing, removing or reordering any record breaks every hash from that point on.
 */
public final class HashChain {

    public static final String GENESIS = Sha256.PREFIX + "0".repeat(64);

    private HashChain() {
    }

    public static String hash(String previousHash, byte[] canonicalRecord) {
        return Sha256.of(previousHash.getBytes(StandardCharsets.UTF_8), canonicalRecord);
    }

    public static String hash(String previousHash, String canonicalRecord) {
        return hash(previousHash, canonicalRecord.getBytes(StandardCharsets.UTF_8));
    }
}

package io.triage.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.StoreUnavailableException;
import io.triage.json.CanonicalJson;

/**
 * A decision as the log holds it: its position, the canonical JSON of its record (without hash
 * fields, exactly the bytes that were hashed; null if the stored bytes are damaged) and its two
 * chain hashes.
 */
public record StoredDecision(long seq, String id, String record, String previousHash, String recordHash, Lookup lookup) {

    /**
     * The columns kept beside the record for lookups (time, user, versions, codes). They are copies;
     * verification checks them against the record, since a changed copy would hide a decision from
     * a filtered list.
     */
    public record Lookup(java.time.Instant createdAt, String submittedBy, String rulesetVersion,
                         String questionnaireVersion, String codes) {

        /** The form the codes column takes: {@code " RAG PROMPTING "}, so one code matches {@code "% RAG %"}. */
        public static String codesColumn(java.util.List<String> codes) {
            return " " + String.join(" ", codes) + " ";
        }
    }

    public boolean damaged() {
        return record == null;
    }

    /** The record's JSON, or {@link StoreUnavailableException} if its stored bytes are damaged. */
    public String requireRecord() {
        if (record == null) {
            throw new StoreUnavailableException("the stored record of decision " + id + " is damaged and cannot be read");
        }
        return record;
    }

    /**
     * The decision as the API returns it: the record with {@code recordHash} and {@code previousHash}.
     * A record that is not a JSON object was damaged in the store (one that is, is served as stored;
     * the chain check tells whether it is the one that was hashed).
     */
    public ObjectNode toJson() {
        JsonNode parsed;
        try {
            parsed = CanonicalJson.parse(requireRecord());
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (!(parsed instanceof ObjectNode node)) {
            throw new StoreUnavailableException("the stored record of decision " + id + " is damaged: it is not a JSON object");
        }
        node.put("recordHash", recordHash);
        node.put("previousHash", previousHash);
        return node;
    }

    /** Canonical JSON of {@link #toJson()}: what {@code GET /api/decisions/{id}} serves. */
    public String toCanonicalJson() {
        return CanonicalJson.string(toJson());
    }

    public boolean hashMatches() {
        return record != null && HashChain.hash(previousHash, record).equals(recordHash);
    }
}

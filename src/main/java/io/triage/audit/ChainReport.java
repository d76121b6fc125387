package io.triage.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of walking the decision log: intact, or the first record where the chain breaks and
 * why. {@code headHash} is worth writing down: a later log must still contain it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainReport(boolean intact, long records, Long headSeq, String headHash, BadRecord firstBadRecord) {

    /**
     * The first record that fails a check; {@code id} is null when the record itself is missing.
     * {@code code} is stable for programs; {@code problem} says it for people.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BadRecord(long seq, String id, Problem code, String problem) {
    }

    /** What can be wrong with a record of the log; serialized as its {@link #code()}. */
    public enum Problem {
        /** A record before this one is not in the log. */
        MISSING_BEFORE("missing_before"),
        /** The record's number is not after the one before it. */
        OUT_OF_ORDER("out_of_order"),
        /** Its previous hash is not the hash of the record before it. */
        BROKEN_LINK("broken_link"),
        /** Its stored content cannot be read. */
        UNREADABLE("unreadable"),
        /** Its content does not hash to its recorded hash. */
        HASH_MISMATCH("hash_mismatch"),
        /** A lookup column no longer agrees with the record it copies. */
        COLUMN_MISMATCH("column_mismatch"),
        /** It names a rule-set or questionnaire version that is not stored. */
        UNKNOWN_VERSION("unknown_version"),
        /** Records this service committed are no longer at the end of the log. */
        MISSING_TAIL("missing_tail");

        private final String code;

        Problem(String code) {
            this.code = code;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return code;
        }
    }
}

package io.triage.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of walking the decision log: intact, or the first record where the chain breaks and
 * why. {@code headHash} is worth writing down: a later log must still contain it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainReport(boolean intact, long records, Long headSeq, String headHash, BadRecord firstBadRecord) {

    /** The first record that fails a check; {@code id} is null when the record itself is missing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BadRecord(long seq, String id, String problem) {
    }
}

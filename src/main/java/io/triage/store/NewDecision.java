package io.triage.store;

import io.triage.history.RequestKey;
import java.time.Instant;
import java.util.List;

/**
 * A decision ready to be appended: its canonical record (what is hashed), the same compressed
 * (what is stored; done here, in the caller's thread, to keep the single writer's work small)
 * and the copies kept for lookups.
 */
public record NewDecision(String id, Instant createdAt, String submittedBy, String rulesetVersion,
                          String questionnaireVersion, List<String> codes, byte[] canonicalRecord, byte[] storedRecord,
                          RequestKey requestKey) {

    /** Compressed with LZ4. @param requestKey the request's idempotency key, or null */
    public NewDecision(String id, Instant createdAt, String submittedBy, String rulesetVersion,
                       String questionnaireVersion, List<String> codes, byte[] canonicalRecord, RequestKey requestKey) {
        this(id, createdAt, submittedBy, rulesetVersion, questionnaireVersion, codes, canonicalRecord,
                RecordCodec.encode(canonicalRecord), requestKey);
    }
}

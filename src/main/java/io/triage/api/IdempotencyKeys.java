package io.triage.api;

/**
 * The {@code Idempotency-Key} request header of {@code POST /api/decisions}: a client that did not
 * learn what became of a decision sends the same request again with the same key and gets the
 * decision stored the first time (see {@link io.triage.decision.RequestKeys}).
 */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    /** Set on an answer that is the decision an earlier request with the same key stored. */
    static final String REPLAYED = "Idempotent-Replayed";

    private IdempotencyKeys() {
    }
}

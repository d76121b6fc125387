package io.triage.store;

/** An idempotency key sent again with a different request: refused, since answering it would give the wrong decision. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("this Idempotency-Key was already used for a different request; use a new key for new answers");
    }
}

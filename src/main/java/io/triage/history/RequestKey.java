package io.triage.history;

/**
 * The {@code Idempotency-Key} of a request and the hash of what was asked, so that the same key
 * sent again with a different request is refused instead of answered with the wrong decision.
 */
public record RequestKey(String key, String requestHash) {
}

package io.triage.store;

/**
 * The writer took the decision but did not confirm it in time: it may be committed or not. Never
 * answered as "not stored"; the caller is told the decision id to check, and a retry with the
 * same idempotency key cannot store it twice.
 */
public class OutcomeUnknownException extends RuntimeException {

    private final String decisionId;

    public OutcomeUnknownException(String decisionId, String message) {
        super(message);
        this.decisionId = decisionId;
    }

    public String decisionId() {
        return decisionId;
    }
}

package io.triage.history;

import java.time.Instant;

/**
 * A page of the decision list, newest first. Every filter is optional: {@code before} is the
 * {@code seq} cursor from the previous page's {@code next}; {@code from}/{@code to} bound the
 * creation time (from inclusive, to exclusive); {@code code} keeps decisions that recommended it;
 * {@code submittedBy} keeps one user's decisions.
 */
public record DecisionQuery(int limit, Long before, Instant from, Instant to, String code, String submittedBy) {

    public static final int MAX_LIMIT = 200;

    public DecisionQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    /** The same query, kept to one user's decisions. */
    public DecisionQuery submittedBy(String user) {
        return new DecisionQuery(limit, before, from, to, code, user);
    }
}

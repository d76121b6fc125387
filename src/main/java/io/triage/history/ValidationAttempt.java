package io.triage.history;

import java.time.Instant;

/**
 * One validation run of a candidate. {@code outcome} is null while it runs, and stays null if
 * the service stopped before it finished.
 */
public record ValidationAttempt(long seq, String version, String origin, String submittedBy, Instant startedAt,
                                String outcome, String detail, Instant finishedAt) {
}

package io.triage.history;

import java.time.Instant;

/** One activation: {@code version} became active, replacing {@code previousVersion}. */
public record RuleSetActivation(long seq, String version, String previousVersion, Instant activatedAt, String activatedBy,
                                String reason, String approvedBy) {
}

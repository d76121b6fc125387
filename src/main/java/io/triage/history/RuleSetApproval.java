package io.triage.history;

import java.time.Instant;

public record RuleSetApproval(String version, String approvedBy, Instant approvedAt) {
}

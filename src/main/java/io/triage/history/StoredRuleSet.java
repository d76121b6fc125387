package io.triage.history;

import io.triage.rules.RuleSetFiles;

import java.time.Instant;

/** A stored version: its sources and who stored it when. */
public record StoredRuleSet(RuleSetFiles files, Instant createdAt, String createdBy) {
}

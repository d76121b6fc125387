package io.triage.history;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A submitted version and what validation found. */
public record RuleSetCandidate(String version, boolean passed, JsonNode report, String origin, String submittedBy,
                               Instant submittedAt) {
}

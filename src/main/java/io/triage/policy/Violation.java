package io.triage.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * An invariant a candidate rule set breaks: which one (and where it is declared), the smallest
 * answers found that break it, what the rules concluded from them, where the first breaking answers
 * came from, and those answers written as a golden case a policy owner can paste into
 * {@code test-cases/}: it fails on this candidate and passes once the rules keep the invariant.
 */
public record Violation(String invariant, String description, String file, Integer line, String foundIn,
                        JsonNode answers, List<String> concluded, String counterexample) {
}

package io.triage.history;

import java.time.Instant;

/** A note on a version: what it changes in the policy and why. */
public record VersionNote(String version, String note, String writtenBy, Instant writtenAt) {
}

package io.triage.history;

import java.time.Instant;

/** One job; {@code total} is null until it is known, {@code result} (JSON) only once it succeeded. */
public record Job(String id, String kind, String version, String against, Instant from, Instant to, String state,
                  long done, Long total, String result, String error, boolean cancelRequested, String createdBy,
                  Instant createdAt, Instant startedAt, Instant finishedAt, Instant heartbeatAt) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    public boolean finished() {
        return SUCCEEDED.equals(state) || FAILED.equals(state) || CANCELLED.equals(state);
    }
}

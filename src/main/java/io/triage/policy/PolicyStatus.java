package io.triage.policy;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What happened to the rules on disk: at startup (did Triage start on them, or fall back to the last
 * good stored version?) and at the last reload of an edit. Shown in readiness details and to policy
 * owners, so a refused edit is never silent.
 */
@ApplicationScoped
public class PolicyStatus {

    /** One attempt to take in the rules on disk. */
    public record DiskAttempt(Instant at, String version, String outcome, List<String> problems) {
    }

    /**
     * How the service started: the version it serves, and whether the rules on disk are something else
     * ({@code fallback}: refused, unreadable, or a candidate waiting to be activated), with why.
     */
    public record Startup(Instant at, String activeVersion, boolean fallback, String diskVersion, List<String> problems) {
    }

    private final AtomicReference<Startup> startup = new AtomicReference<>();
    private final AtomicReference<DiskAttempt> lastDisk = new AtomicReference<>();

    public Startup startup() {
        return startup.get();
    }

    public DiskAttempt lastDiskAttempt() {
        return lastDisk.get();
    }

    void startedOn(Startup s) {
        startup.set(s);
    }

    void diskAttempt(DiskAttempt attempt) {
        lastDisk.set(attempt);
    }
}

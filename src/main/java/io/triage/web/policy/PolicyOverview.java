package io.triage.web.policy;

import io.quarkus.qute.TemplateData;
import io.triage.history.RuleSetActivation;
import io.triage.history.RuleSetCandidate;
import io.triage.history.ValidationAttempt;
import io.triage.history.VersionNote;
import io.triage.policy.PolicyStatus;
import io.triage.rules.ActiveRuleSet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The /policy page: what is active, what happened on disk, every version and every activation. */
@TemplateData
public record PolicyOverview(Active active, boolean twoPersonRule, Startup startup, DiskEdit lastEdit,
                             List<VersionRow> versions, List<ActivationRow> activations, List<UnfinishedRow> unfinished) {

    static final int UNFINISHED_SHOWN = 20;

    /** A validation that timed out, killed its worker, or was cut short by a restart ({@code outcome} null). */
    @TemplateData
    public record UnfinishedRow(String at, String version, String by, String origin, String outcome, String detail) {
    }

    @TemplateData
    public record Active(String version, String activatedBy, String activatedAt) {
    }

    @TemplateData
    public record Startup(String at, String activeVersion, boolean fallback, String diskVersion, List<String> problems) {
    }

    @TemplateData
    public record DiskEdit(String at, String version, String outcome, List<String> problems) {
    }

    /**
     * {@code activateLabel} is null when the version cannot be activated (active already, or refused);
     * {@code note}: the latest note on why it changes the policy, or null.
     */
    @TemplateData
    public record VersionRow(String version, String submittedBy, String submittedAt, String origin, boolean passed,
                             boolean active, String activateLabel, String note) {
    }

    /** {@code note}: given with the activation; {@code versionNote}: the latest note on the version activated. */
    @TemplateData
    public record ActivationRow(String at, String by, String from, String to, String reason, String approvedBy,
                                String note, String versionNote) {
    }

    static PolicyOverview of(Optional<ActiveRuleSet.Activation> current, boolean twoPersonRule, PolicyStatus status,
                             List<RuleSetCandidate> candidates, List<RuleSetActivation> activations,
                             List<ValidationAttempt> attempts, Map<String, VersionNote> notes,
                             Map<Long, String> activationNotes) {
        Active active = current.map(a -> new Active(a.ruleSet().version(), a.activatedBy(), Shown.time(a.activatedAt())))
                .orElse(null);
        String activeVersion = active == null ? null : active.version();
        Instant activeSubmitted = candidates.stream().filter(c -> c.version().equals(activeVersion))
                .map(RuleSetCandidate::submittedAt).findFirst().orElse(null);
        List<VersionRow> versions = candidates.stream().map(c -> {
            boolean isActive = c.version().equals(activeVersion);
            String label = isActive || !c.passed() ? null
                    : isOlder(c.submittedAt(), activeSubmitted) ? "Roll back to this version" : "Activate";
            return new VersionRow(c.version(), c.submittedBy(), Shown.time(c.submittedAt()), c.origin(), c.passed(),
                    isActive, label, noteOf(notes, c.version()));
        }).toList();
        PolicyStatus.Startup s = status.startup();
        PolicyStatus.DiskAttempt d = status.lastDiskAttempt();
        return new PolicyOverview(active, twoPersonRule,
                s == null ? null : new Startup(Shown.time(s.at()), s.activeVersion(), s.fallback(), s.diskVersion(), s.problems()),
                d == null ? null : new DiskEdit(Shown.time(d.at()), d.version(), d.outcome(), d.problems()),
                versions,
                activations.stream().map(a -> new ActivationRow(Shown.time(a.activatedAt()), a.activatedBy(),
                        a.previousVersion(), a.version(), a.reason(), a.approvedBy(), activationNotes.get(a.seq()),
                        noteOf(notes, a.version()))).toList(),
                attempts.stream().filter(a -> a.outcome() == null || !List.of("passed", "refused").contains(a.outcome()))
                        .limit(UNFINISHED_SHOWN)
                        .map(a -> new UnfinishedRow(Shown.time(a.startedAt()), a.version(), a.submittedBy(), a.origin(),
                                a.outcome() == null ? "not finished (still running, or the service stopped)" : a.outcome().replace('_', ' '), a.detail()))
                        .toList());
    }

    private static String noteOf(Map<String, VersionNote> notes, String version) {
        VersionNote note = notes.get(version);
        return note == null ? null : note.note();
    }

    /** Activating a version submitted before the active one is a rollback. */
    static boolean isOlder(Instant submitted, Instant activeSubmitted) {
        return activeSubmitted != null && submitted.isBefore(activeSubmitted);
    }
}

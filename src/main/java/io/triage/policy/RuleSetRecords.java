package io.triage.policy;

import io.triage.history.StoredRuleSet;
import io.triage.history.VersionNote;
import io.triage.history.ValidationAttempt;
import io.triage.history.RuleSetApproval;
import io.triage.history.RuleSetActivation;
import io.triage.history.RuleSetCandidate;
import io.triage.store.ChangeNotes;
import io.triage.store.RuleSetHistory;
import io.triage.store.RuleSetRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is recorded about rule-set versions, for the API and the pages to read: the submitted
 * candidates, activations, attempts, approvals, stored sources and change notes.
 */
@ApplicationScoped
public class RuleSetRecords {

    private final RuleSetHistory history;
    private final RuleSetRepository repository;
    private final ChangeNotes notes;

    RuleSetRecords(RuleSetHistory history, RuleSetRepository repository, ChangeNotes notes) {
        this.history = history;
        this.repository = repository;
        this.notes = notes;
    }

    public List<RuleSetCandidate> candidates() {
        return history.candidates();
    }

    public Optional<RuleSetCandidate> candidate(String version) {
        return history.candidate(version);
    }

    public List<RuleSetActivation> activations() {
        return history.activations();
    }

    /** The activation attempts of one version, or of every version when {@code version} is null. */
    public List<ValidationAttempt> attempts(String version) {
        return history.attempts(version);
    }

    public List<RuleSetApproval> approvals(String version) {
        return history.approvals(version);
    }

    public Optional<StoredRuleSet> find(String version) {
        return repository.find(version);
    }

    public Optional<String> questionnaireSource(String version) {
        return repository.questionnaireSource(version);
    }

    public List<VersionNote> notesOf(String version) {
        return notes.of(version);
    }

    /** The newest note of each version, by version. */
    public Map<String, VersionNote> latestNotes() {
        return notes.latestByVersion();
    }

    /** The note given with each activation, by activation sequence number. */
    public Map<Long, String> activationNotes() {
        return notes.ofActivations();
    }
}

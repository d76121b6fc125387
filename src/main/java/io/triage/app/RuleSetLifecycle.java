package io.triage.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.history.RuleSetActivation;
import io.triage.history.RuleSetApproval;
import io.triage.history.RuleSetCandidate;
import io.triage.history.StoredRuleSet;
import io.triage.history.ValidationAttempt;
import io.triage.history.VersionNote;
import io.triage.jobs.Jobs;
import io.triage.policy.Activator;
import io.triage.policy.PolicyStatus;
import io.triage.policy.RuleSetPipeline;
import io.triage.policy.TryOut;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetFiles;
import io.triage.store.ChangeNotes;
import io.triage.store.RuleSetHistory;
import io.triage.store.RuleSetRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The life of a rule-set version as the API and the pages drive it: submit a candidate, try it,
 * approve it, activate it, start its impact analysis, and read what is recorded about it
 * (candidates, approvals, activations, validation attempts, sources, change notes). The adapters
 * go through here, so none of them wires the policy stage or the store itself.
 */
@ApplicationScoped
public class RuleSetLifecycle {

    private final ActiveRuleSet active;
    private final RuleSetPipeline pipeline;
    private final Activator activator;
    private final TryOut tryOut;
    private final Jobs jobs;
    private final PolicyStatus status;
    private final RuleSetHistory history;
    private final RuleSetRepository repository;
    private final ChangeNotes notes;

    RuleSetLifecycle(ActiveRuleSet active, RuleSetPipeline pipeline, Activator activator, TryOut tryOut, Jobs jobs,
                     PolicyStatus status, RuleSetHistory history, RuleSetRepository repository, ChangeNotes notes) {
        this.active = active;
        this.pipeline = pipeline;
        this.activator = activator;
        this.tryOut = tryOut;
        this.jobs = jobs;
        this.status = status;
        this.history = history;
        this.repository = repository;
        this.notes = notes;
    }

    /** The active rule set, or {@link io.triage.rules.NoActiveRuleSetException} if none is. */
    public RuleSet active() {
        return active.require();
    }

    public Optional<ActiveRuleSet.Activation> activation() {
        return active.current();
    }

    public PolicyStatus status() {
        return status;
    }

    public boolean twoPersonRule() {
        return activator.twoPersonRule();
    }

    public RuleSetPipeline.Result submit(RuleSetFiles files, RuleSetPipeline.Origin origin, String by, String note) {
        return pipeline.submit(files, origin, by, note);
    }

    public TryOut.Result tryOn(String version, JsonNode answers) {
        return tryOut.tryOn(version, answers);
    }

    public ObjectNode answersOf(String decisionId) {
        return tryOut.answersOf(decisionId);
    }

    public RuleSetFiles withGoldenCase(String version, String name, String description, TryOut.Result tried) {
        return tryOut.withGoldenCase(version, name, description, tried);
    }

    public void approve(String version, String by) {
        activator.approve(version, by);
    }

    public Activator.Activated activate(String version, String by, String reason, String note) {
        return activator.activate(version, by, reason, note);
    }

    public Jobs.Started startImpact(String version, Instant from, Instant to, String by) {
        return jobs.startImpact(version, from, to, by);
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

    /** The validation attempts of one version, or of every version when {@code version} is null. */
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

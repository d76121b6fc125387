package io.triage.policy;

import io.triage.cluster.ClusterEvents;
import io.triage.config.TriageConfig;
import io.triage.history.RuleSetApproval;
import io.triage.history.RuleSetCandidate;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.CompiledVersions;
import io.triage.rules.RuleSet;
import io.triage.store.ChangeNotes;
import io.triage.store.RuleSetHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Makes a validated version the active one. The swap is one reference: a decision that has started
 * finishes on the version it started with, the next one starts on the new version. Every activation
 * is recorded first (who, when, from which version, why); activating an older version is the
 * rollback. With the two-person rule on, a second policy owner must have approved the version.
 * <p>
 * The active version is database state: an activation is committed there, then served here, then
 * announced to the other instances, which {@link #follow} it.
 */
@ApplicationScoped
public class Activator {

    private static final Logger LOG = Logger.getLogger(Activator.class);
    /** Published once an activation is committed; every instance then serves what the database says is active. */
    public static final String VERSION_ACTIVATED = "ruleset.activated";

    /** What an activation did. */
    public record Activated(String version, String previousVersion, String activatedBy, String reason, String approvedBy,
                            boolean changed) {
    }

    private final ActiveRuleSet active;
    private final RuleSetHistory history;
    private final CompiledVersions compiled;
    private final ClusterEvents events;
    private final boolean twoPersonRule;
    private final ChangeNotes notes;

    Activator(ActiveRuleSet active, RuleSetHistory history, CompiledVersions compiled, ClusterEvents events, TriageConfig config,
              ChangeNotes notes) {
        this.active = active;
        this.history = history;
        this.compiled = compiled;
        this.events = events;
        this.twoPersonRule = config.policy().twoPersonRule();
        this.notes = notes;
    }

    public boolean twoPersonRule() {
        return twoPersonRule;
    }

    /**
     * @throws NotFoundException           no such version was ever submitted
     * @throws ActivationRefusedException  it failed validation, or lacks the required approval
     */
    public Activated activate(String version, String by, String reason) {
        return activate(version, by, reason, null);
    }

    /** @param note why this version is activated now ({@link ChangeNote#clean cleaned}), or null; kept with the activation record */
    public synchronized Activated activate(String version, String by, String reason, String note) {
        RuleSetCandidate candidate = history.candidate(version)
                .orElseThrow(() -> new NotFoundException("no rule-set version " + version));
        if (!candidate.passed()) {
            throw new ActivationRefusedException("version " + version + " did not pass validation and cannot be activated");
        }
        String approvedBy = null;
        // The very first version of a new installation has nobody to approve it.
        if (twoPersonRule && history.lastActivation().isPresent()) {
            // INVARIANT: the approver is neither the one who submitted the version nor the one activating it
            approvedBy = history.approvals(version).stream().map(RuleSetApproval::approvedBy)
                    .filter(a -> !a.equals(by) && !a.equals(candidate.submittedBy())).findFirst()
                    .orElseThrow(() -> new ActivationRefusedException("the two-person rule is on: version " + version
                            + " needs the approval of a policy owner other than " + by
                            + (by.equals(candidate.submittedBy()) ? "" : " and " + candidate.submittedBy() + ", who submitted it")));
        }
        return swap(version, by, reason, approvedBy, note);
    }

    /**
     * Makes a version active again that was active before (the startup fallback to the last good
     * version): it was validated, and approved if required, when it was first activated.
     */
    public synchronized Activated restore(String version, String by, String reason) {
        boolean wasActive = history.activations().stream().anyMatch(a -> a.version().equals(version));
        if (!wasActive) {
            throw new ActivationRefusedException("version " + version + " was never active");
        }
        return swap(version, by, reason, null, null);
    }

    private Activated swap(String version, String by, String reason, String approvedBy, String note) {
        String serving = active.current().map(a -> a.ruleSet().version()).orElse(null);
        // compiled first: an instance that cannot serve a version does not make it everyone's
        RuleSet ruleSet = compiled.get(version);
        // INVARIANT: committed to the database (the current version and its history) before it takes
        // effect here or anywhere; if that fails, nothing changes. A restart that brings back the
        // version active in the database adds no new record.
        RuleSetHistory.Transition transition = history.activate(version, by, reason, approvedBy);
        RuleSetHistory.Current current = transition.current();
        boolean swapped = !version.equals(serving);
        if (swapped) {
            active.activate(ruleSet, current.activatedBy(), current.activatedAt());
            LOG.infof("rule set %s active (was %s), by %s: %s", version, serving, by, reason);
        }
        if (transition.recorded()) {
            if (note != null) {
                notes.addToActivation(current.activationSeq(), note);
            }
            events.publish(VERSION_ACTIVATED, version);
        }
        return new Activated(version, transition.recorded() ? transition.previousVersion() : serving, by, reason, approvedBy,
                swapped || transition.recorded());
    }

    /**
     * Serves the version the database says is active, if this instance serves another: an
     * activation made on another instance (told by {@link #VERSION_ACTIVATED}, or found by the
     * periodic check). Decisions under way finish on the version they started with.
     *
     * @return the version active in the database, which now serves here; empty before any activation
     * @throws CannotFollow the active version cannot be compiled here; the one serving stays
     */
    public synchronized Optional<RuleSetHistory.Current> follow() {
        Optional<RuleSetHistory.Current> current = history.current();
        String serving = active.current().map(a -> a.ruleSet().version()).orElse(null);
        if (current.isEmpty() || current.get().version().equals(serving)) {
            return current;
        }
        RuleSetHistory.Current wanted = current.get();
        RuleSet ruleSet;
        try {
            ruleSet = compiled.get(wanted.version());
        } catch (RuntimeException e) {
            throw new CannotFollow(wanted, serving, e);
        }
        active.activate(ruleSet, wanted.activatedBy(), wanted.activatedAt());
        LOG.infof("rule set %s active (was %s), as activated by %s at %s", wanted.version(), serving, wanted.activatedBy(),
                wanted.activatedAt());
        return current;
    }

    /** The version active in the database cannot be served here (it passed validation, so this should not happen). */
    public static final class CannotFollow extends RuntimeException {
        private final RuleSetHistory.Current wanted;
        private final String serving;

        CannotFollow(RuleSetHistory.Current wanted, String serving, RuntimeException cause) {
            super("cannot serve " + wanted.version() + ", activated by " + wanted.activatedBy() + " at " + wanted.activatedAt()
                    + ": " + cause.getMessage() + "; still serving " + serving, cause);
            this.wanted = wanted;
            this.serving = serving;
        }

        public RuleSetHistory.Current wanted() {
            return wanted;
        }

        public String serving() {
            return serving;
        }
    }

    /** Approval by a policy owner other than the one who submitted the version; the one who activates must be a third. */
    public void approve(String version, String by) {
        RuleSetCandidate candidate = history.candidate(version)
                .orElseThrow(() -> new NotFoundException("no rule-set version " + version));
        if (!candidate.passed()) {
            throw new ActivationRefusedException("version " + version + " did not pass validation; there is nothing to approve");
        }
        if (candidate.submittedBy().equals(by)) {
            throw new ActivationRefusedException("you submitted version " + version
                    + "; a second policy owner has to approve it");
        }
        history.approve(version, by);
    }

    /** The version active in the database: the one every instance serves. */
    public Optional<String> lastActivated() {
        return history.current().map(RuleSetHistory.Current::version);
    }
}

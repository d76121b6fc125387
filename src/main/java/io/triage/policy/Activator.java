package io.triage.policy;

import io.triage.audit.CompiledVersions;
import io.triage.config.TriageConfig;
import io.triage.rules.ActiveRuleSet;
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
 */
@ApplicationScoped
public class Activator {

    private static final Logger LOG = Logger.getLogger(Activator.class);

    /** What an activation did. */
    public record Activated(String version, String previousVersion, String activatedBy, String reason, String approvedBy,
                            boolean changed) {
    }

    private final ActiveRuleSet active;
    private final RuleSetHistory history;
    private final CompiledVersions compiled;
    private final boolean twoPersonRule;
    private final ChangeNotes notes;

    Activator(ActiveRuleSet active, RuleSetHistory history, CompiledVersions compiled, TriageConfig config, ChangeNotes notes) {
        this.active = active;
        this.history = history;
        this.compiled = compiled;
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
        RuleSetHistory.Candidate candidate = history.candidate(version)
                .orElseThrow(() -> new NotFoundException("no rule-set version " + version));
        if (!candidate.passed()) {
            throw new ActivationRefusedException("version " + version + " did not pass validation and cannot be activated");
        }
        String approvedBy = null;
        // The very first version of a new installation has nobody to approve it.
        if (twoPersonRule && history.lastActivation().isPresent()) {
            // INVARIANT: the approver is neither the one who submitted the version nor the one activating it
            approvedBy = history.approvals(version).stream().map(RuleSetHistory.Approval::approvedBy)
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
        String previous = active.current().map(a -> a.ruleSet().version()).orElse(null);
        if (version.equals(previous)) {
            return new Activated(version, previous, by, reason, approvedBy, false);
        }
        RuleSet ruleSet = compiled.get(version);
        // INVARIANT: recorded before it takes effect; if the record fails, nothing changes. A restart
        // that brings back the version last recorded adds no new record.
        String lastRecorded = history.lastActivation().map(RuleSetHistory.Activation::version).orElse(null);
        if (!version.equals(lastRecorded)) {
            long seq = history.recordActivation(version, lastRecorded, by, reason, approvedBy);
            if (note != null) {
                notes.addToActivation(seq, note);
            }
        }
        active.activate(ruleSet, by);
        LOG.infof("rule set %s active (was %s), by %s: %s", version, previous, by, reason);
        return new Activated(version, previous, by, reason, approvedBy, true);
    }

    /** Approval by a policy owner other than the one who submitted the version; the one who activates must be a third. */
    public void approve(String version, String by) {
        RuleSetHistory.Candidate candidate = history.candidate(version)
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

    /** The version that was active last, according to the activation history. */
    public Optional<String> lastActivated() {
        return history.lastActivation().map(RuleSetHistory.Activation::version);
    }
}

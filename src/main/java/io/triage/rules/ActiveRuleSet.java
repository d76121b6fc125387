package io.triage.rules;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rule-set version decisions run on now. A request reads it once and uses that version to the
 * end, so a swap never splits a decision across two versions.
 */
@ApplicationScoped
public class ActiveRuleSet {

    /** The active version and how it became active. */
    public record Activation(RuleSet ruleSet, Instant activatedAt, String activatedBy) {
    }

    // INVARIANT: replaced whole, never mutated; null only before the first activation.
    private final AtomicReference<Activation> current = new AtomicReference<>();

    public Optional<Activation> current() {
        return Optional.ofNullable(current.get());
    }

    /** The active rule set, or {@link NoActiveRuleSetException} while none is loaded. */
    public RuleSet require() {
        Activation activation = current.get();
        if (activation == null) {
            throw new NoActiveRuleSetException();
        }
        return activation.ruleSet();
    }

    public void activate(RuleSet ruleSet, String activatedBy) {
        activate(ruleSet, activatedBy, Instant.now());
    }

    /** Serves {@code ruleSet} from now on, as activated by {@code activatedBy} at {@code activatedAt} (on any instance). */
    public void activate(RuleSet ruleSet, String activatedBy, Instant activatedAt) {
        current.set(new Activation(ruleSet, activatedAt, activatedBy));
    }
}

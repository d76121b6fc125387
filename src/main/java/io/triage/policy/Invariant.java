package io.triage.policy;

/**
 * A property every decision of a rule set must have, declared in {@code rules/invariants.yaml}:
 * whenever {@code when} holds (always, if it is null), {@code then} must hold too, or
 * {@code never} must not. {@code line} is where its id stands in the file.
 */
record Invariant(String id, String description, String source, Condition when, Condition then, Condition never,
                 int line) {

    boolean holds(Condition.Decision decision) {
        if (when != null && !when.holds(decision)) {
            return true;
        }
        return then != null ? then.holds(decision) : !never.holds(decision);
    }
}

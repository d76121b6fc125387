package io.triage.facts;

import java.util.Objects;

/**
 * An intermediate conclusion drawn by a rule, such as {@code narrow_task} or {@code amortizes}.
 * Terms make the chain of reasoning visible in the trace and let evidence be followed back to the
 * answers behind them. Two rules may each insert the same term; each insertion is its own fact
 * with its own reasons.
 */
public final class Term implements Fact {

    private final String name;

    public Term(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return "Term[" + name + "]";
    }
}

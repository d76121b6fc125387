package io.triage.facts;

import java.util.Objects;

/**
 * An intermediate conclusion drawn by a rule, such as {@code narrow_task} or {@code amortizes}.
 * Terms make the chain of reasoning visible in the trace and let evidence be followed back to the
 * answers behind them. Two rules may each insert the same term; each insertion is its own fact
 * with its own reasons. A term may carry a number (for example
 * {@code new Term("behavior_changes_per_month", 52.0 / 12.0)}), which rules read as {@code value}.
 */
public final class Term implements Fact {

    private final String name;
    private final Double value;

    public Term(String name) {
        this(name, null);
    }

    public Term(String name, Double value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = value;
    }

    public String getName() {
        return name;
    }

    /** The term's number, or null for a term that is only a name. */
    public Double getValue() {
        return value;
    }

    @Override
    public String toString() {
        return "Term[" + name + (value == null ? "" : "=" + value) + "]";
    }
}

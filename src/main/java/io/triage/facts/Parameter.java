package io.triage.facts;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A policy parameter from {@code rules/parameters.yaml}: a threshold the policy owner tunes as data
 * instead of editing a rule. Inserted into every session next to the answers, so a rule that
 * compares with it names it in its evidence and trace:
 * <pre>
 *   Parameter(name == "long_prompt_tokens", $min : value)
 *   Answer(question == "system_prompt_tokens", number >= $min)
 * </pre>
 */
public final class Parameter implements Fact {

    private final String name;
    private final BigDecimal exact;
    private final double value;

    public Parameter(String name, BigDecimal value) {
        this.name = Objects.requireNonNull(name, "name");
        this.exact = Objects.requireNonNull(value, "value");
        this.value = value.doubleValue();
    }

    public String getName() {
        return name;
    }

    /** The value as rules compare it. */
    public double getValue() {
        return value;
    }

    /** The value exactly as written in the parameters file; what evidence and trace show. */
    public BigDecimal getExact() {
        return exact;
    }

    @Override
    public String toString() {
        return "Parameter[" + name + "=" + exact.toPlainString() + "]";
    }
}

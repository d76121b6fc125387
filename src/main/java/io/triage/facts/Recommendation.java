package io.triage.facts;

import java.util.Objects;

/**
 * A recommendation concluded by a rule, identified by its catalogue code (for example {@code RAG}).
 * Its title, rationale and talk-track texts live in {@code rules/recommendations.yaml}; its evidence
 * is the set of answers and parameters behind the rule that inserted it. A rule may choose one of
 * the code's named text variants, for example {@code new Recommendation("PROMPTING", "below_high_volume")},
 * when the same advice has a different reason.
 */
public final class Recommendation implements Fact {

    private final String code;
    private final String variant;

    public Recommendation(String code) {
        this(code, null);
    }

    public Recommendation(String code, String variant) {
        this.code = Objects.requireNonNull(code, "code");
        this.variant = variant;
    }

    public String getCode() {
        return code;
    }

    /** The chosen text variant, or null for the code's plain rationale. */
    public String getVariant() {
        return variant;
    }

    @Override
    public String toString() {
        return "Recommendation[" + code + (variant == null ? "" : "/" + variant) + "]";
    }
}

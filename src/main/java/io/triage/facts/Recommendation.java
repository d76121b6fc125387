package io.triage.facts;

import java.util.Objects;

/**
 * A recommendation concluded by a rule, identified by its catalogue code (for example {@code RAG}).
 * Its title, rationale and talk-track texts live in {@code rules/recommendations.yaml}; its evidence
 * is the set of answers behind the rule that inserted it.
 */
public final class Recommendation implements Fact {

    private final String code;

    public Recommendation(String code) {
        this.code = Objects.requireNonNull(code, "code");
    }

    public String getCode() {
        return code;
    }

    @Override
    public String toString() {
        return "Recommendation[" + code + "]";
    }
}

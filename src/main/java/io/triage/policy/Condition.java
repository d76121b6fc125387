package io.triage.policy;

import io.triage.rules.RecommendationKind;
import io.triage.facts.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One side of an invariant, over what a decision concluded and the answers it had. Every part that
 * is given must hold: all of {@code present} recommended, none of {@code absent}, at least one of
 * {@code anyPresent}, at least one recommendation of kind {@code kindPresent}, every answer
 * matching, and at least one of the {@code anyOf} conditions.
 */
record Condition(List<String> present, List<String> absent, List<String> anyPresent, RecommendationKind kindPresent,
                 Map<String, AnswerMatch> answers, List<Condition> anyOf) {

    Condition {
        present = present == null ? List.of() : List.copyOf(present);
        absent = absent == null ? List.of() : List.copyOf(absent);
        anyPresent = anyPresent == null ? List.of() : List.copyOf(anyPresent);
        answers = answers == null ? Map.of() : answers;
        anyOf = anyOf == null ? List.of() : List.copyOf(anyOf);
    }

    /** What a condition is checked against: one decision's codes, their kinds and its effective answers. */
    record Decision(Set<String> codes, Set<RecommendationKind> kinds, Map<String, Object> answers, Map<String, Parameter> parameters) {
    }

    boolean holds(Decision d) {
        return d.codes().containsAll(present)
                && absent.stream().noneMatch(d.codes()::contains)
                && (anyPresent.isEmpty() || anyPresent.stream().anyMatch(d.codes()::contains))
                && (kindPresent == null || d.kinds().contains(kindPresent))
                && answers.entrySet().stream().allMatch(e -> e.getValue().matches(d.answers().get(e.getKey()), d.parameters()))
                && (anyOf.isEmpty() || anyOf.stream().anyMatch(c -> c.holds(d)));
    }

    /** Codes this condition mentions as recommended (present, anyPresent, and in its alternatives). */
    List<String> codesMentioned() {
        List<String> codes = new ArrayList<>(present);
        codes.addAll(anyPresent);
        anyOf.forEach(c -> codes.addAll(c.codesMentioned()));
        return codes;
    }
}

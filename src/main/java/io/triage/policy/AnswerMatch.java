package io.triage.policy;

import io.triage.facts.Parameter;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an invariant asks of one effective answer: a value it must equal, a list it must be in, a
 * value it must not be (unanswered counts as "not"), whether it is answered at all, or a number
 * at least / below a bound, written as a number or as the name of a policy parameter.
 */
record AnswerMatch(Object equals, List<Object> in, Object not, Boolean answered, Bound atLeast, Bound below) {

    /** A numeric bound: a literal, or a parameter looked up in the rule set being checked. */
    record Bound(BigDecimal number, String parameter) {

        BigDecimal value(Map<String, Parameter> parameters) {
            return number != null ? number : parameters.get(parameter).getExact();
        }

        @Override
        public String toString() {
            return number != null ? number.toPlainString() : parameter;
        }
    }

    boolean matches(Object value, Map<String, Parameter> parameters) {
        if (equals != null && !same(equals, value)) {
            return false;
        }
        if (in != null && in.stream().noneMatch(v -> same(v, value))) {
            return false;
        }
        if (not != null && same(not, value)) {
            return false;
        }
        if (answered != null && answered != (value != null)) {
            return false;
        }
        if (atLeast != null && !(value instanceof BigDecimal n && n.compareTo(atLeast.value(parameters)) >= 0)) {
            return false;
        }
        return below == null || value instanceof BigDecimal n && n.compareTo(below.value(parameters)) < 0;
    }

    private static boolean same(Object expected, Object actual) {
        if (expected instanceof BigDecimal e && actual instanceof BigDecimal a) {
            return e.compareTo(a) == 0;
        }
        return Objects.equals(expected, actual);
    }

    /** The bounds this match compares numbers with: thresholds worth testing on both sides. */
    List<Bound> bounds() {
        return java.util.stream.Stream.of(atLeast, below).filter(Objects::nonNull).toList();
    }
}

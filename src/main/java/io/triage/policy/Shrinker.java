package io.triage.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.questionnaire.Question;
import io.triage.questionnaire.NumberType;
import io.triage.questionnaire.Questionnaire;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Makes a counterexample small enough to read: greedily drops answers that are not needed to break
 * the invariant, then moves each remaining number toward its default (or, without one, its
 * minimum) as far as it still breaks it, by halving the distance. Deterministic, and bounded in the
 * evaluations it spends.
 */
final class Shrinker {

    private static final int MAX_TRIES = 400;

    private final Questionnaire questionnaire;
    private final Predicate<ObjectNode> breaks;
    private int tries;

    Shrinker(Questionnaire questionnaire, Predicate<ObjectNode> breaks) {
        this.questionnaire = questionnaire;
        this.breaks = breaks;
    }

    ObjectNode shrink(ObjectNode answers) {
        ObjectNode current = answers.deepCopy();
        boolean dropped = true;
        while (dropped && tries < MAX_TRIES) {
            dropped = false;
            for (String id : names(current)) {
                ObjectNode without = current.deepCopy();
                without.remove(id);
                if (test(without)) {
                    current = without;
                    dropped = true;
                }
            }
        }
        for (String id : names(current)) {
            Question q = questionnaire.question(id).orElse(null);
            if (q != null && q.type() instanceof NumberType number && current.get(id).isNumber()) {
                current = towardHome(current, q, number);
            }
        }
        return current;
    }

    private ObjectNode towardHome(ObjectNode answers, Question q, NumberType number) {
        BigDecimal home = q.defaultValue() instanceof BigDecimal d ? d : number.min();
        BigDecimal breaking = answers.get(q.id()).decimalValue();
        BigDecimal holding = home;
        ObjectNode best = answers;
        while (tries < MAX_TRIES) {
            BigDecimal mid = breaking.add(holding).divide(BigDecimal.valueOf(2), number.integer() ? 0 : 2, RoundingMode.HALF_UP);
            if (mid.compareTo(breaking) == 0 || mid.compareTo(holding) == 0) {
                break;
            }
            ObjectNode candidate = best.deepCopy();
            candidate.set(q.id(), JsonNodeFactory.instance.numberNode(mid.stripTrailingZeros()));
            if (test(candidate)) {
                breaking = mid;
                best = candidate;
            } else {
                holding = mid;
            }
        }
        return best;
    }

    /** How big a counterexample reads: one per answer, plus how far each number is from its default, as a fraction of its range. */
    static double size(Questionnaire questionnaire, ObjectNode answers) {
        double size = 0;
        for (String id : names(answers)) {
            size += 1;
            Question q = questionnaire.question(id).orElse(null);
            if (q != null && q.type() instanceof NumberType number && answers.get(id).isNumber()) {
                BigDecimal home = q.defaultValue() instanceof BigDecimal d ? d : number.min();
                double range = Math.max(number.max().subtract(number.min()).doubleValue(), 1);
                size += Math.abs(answers.get(id).decimalValue().subtract(home).doubleValue()) / range;
            }
        }
        return size;
    }

    private boolean test(ObjectNode answers) {
        tries++;
        return breaks.test(answers);
    }

    private static List<String> names(JsonNode answers) {
        List<String> names = new ArrayList<>();
        answers.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

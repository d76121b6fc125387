package io.triage.engine;

import java.time.Duration;

/**
 * What one evaluation may cost: rule firings, facts inserted by rules, and wall time. An ordinary
 * decision fires a few dozen rules and inserts a few dozen facts in well under a millisecond; a
 * rule set that goes past these bounds is looping or flooding, and the evaluation is stopped.
 */
public record EvaluationBudget(int maxFirings, int maxFacts, Duration maxTime) {

    public static final EvaluationBudget DEFAULT = new EvaluationBudget(1_000, 500, Duration.ofSeconds(5));

    public EvaluationBudget {
        if (maxFirings < 1 || maxFacts < 1 || maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("an evaluation budget needs at least one firing, one fact and some time");
        }
    }
}

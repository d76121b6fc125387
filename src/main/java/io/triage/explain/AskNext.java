package io.triage.explain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The questions the buyer has not answered (left empty, or left to the questionnaire's default)
 * where some answer would change the strategy or add a blocking prerequisite, most consequential
 * first: those able to change the strategy before those that only add a prerequisite, then by how
 * many codes one answer moves at most, then in questionnaire order.
 */
public record AskNext(String decisionId, String rulesetVersion, boolean complete, int evaluations,
                      List<Suggestion> questions) {

    /** @param defaulted the question is not answered but its default was assumed ({@code assumed}) */
    public record Suggestion(String question, String label, String section, boolean defaulted, Object assumed,
                             int weight, String text, List<Outcome> outcomes) {
    }

    /**
     * An answer (choice or yes/no: {@code answer}; number: the range {@code from}–{@code to}) and what
     * it would change: strategies added or removed, blocking prerequisites added.
     */
    public record Outcome(Object answer, BigDecimal from, BigDecimal to, String answerText, List<String> adds,
                          List<String> removes, String text) {
    }
}

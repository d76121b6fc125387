package io.triage.questionnaire;

import java.math.BigDecimal;
import java.util.List;

/**
 * One question as defined in the questionnaire data. {@code defaultValue} is asserted when the
 * question is left unanswered; it is a String, Boolean or BigDecimal like an answer.
 */
public record Question(
        String id,
        QuestionType type,
        String label,
        String help,
        List<Choice> choices,
        BigDecimal min,
        BigDecimal max,
        boolean integer,
        Object defaultValue,
        boolean required) {

    public Question {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public List<String> choiceValues() {
        return choices.stream().map(Choice::value).toList();
    }

    public boolean hasDefault() {
        return defaultValue != null;
    }
}

package io.triage.questionnaire;

/**
 * One question as defined in the questionnaire data. Its {@link QuestionType} holds what its kind
 * needs (choices, range). {@code defaultValue} is asserted when the question is left unanswered;
 * it is a fact value like an answer's.
 */
public record Question(
        String id,
        QuestionType type,
        String label,
        String help,
        Object defaultValue,
        boolean required) {

    public boolean hasDefault() {
        return defaultValue != null;
    }
}

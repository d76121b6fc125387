package io.triage.facts;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One question of the questionnaire with the value it was answered with (or its default).
 * The value is a {@link String} for choice questions, a {@link Boolean} for yes/no questions and a
 * {@link BigDecimal} for numbers. Rules read it through the typed accessors:
 * <pre>
 *   Answer(question == "task_type", text == "classification")
 *   Answer(question == "must_know_org_content", yes)
 *   Answer(question == "monthly_calls", $calls : number)
 * </pre>
 */
public final class Answer implements Fact {

    private final String question;
    private final Object value;
    private final boolean defaulted;

    public Answer(String question, Object value, boolean defaulted) {
        this.question = Objects.requireNonNull(question, "question");
        this.value = Objects.requireNonNull(value, "value");
        if (!(value instanceof String || value instanceof Boolean || value instanceof BigDecimal)) {
            throw new IllegalArgumentException("unsupported answer value for " + question + ": " + value);
        }
        this.defaulted = defaulted;
    }

    public String getQuestion() {
        return question;
    }

    public Object getValue() {
        return value;
    }

    /** True when the buyer did not answer and the questionnaire's default was asserted instead. */
    public boolean isDefaulted() {
        return defaulted;
    }

    /** The chosen value of a choice question; null for other types. */
    public String getText() {
        return value instanceof String s ? s : null;
    }

    public boolean isYes() {
        return Boolean.TRUE.equals(value);
    }

    public boolean isNo() {
        return Boolean.FALSE.equals(value);
    }

    /** The value of a number question; NaN for other types, so no numeric comparison holds. */
    public double getNumber() {
        return value instanceof BigDecimal n ? n.doubleValue() : Double.NaN;
    }

    @Override
    public String toString() {
        return "Answer[" + question + "=" + value + (defaulted ? " (default)" : "") + "]";
    }
}

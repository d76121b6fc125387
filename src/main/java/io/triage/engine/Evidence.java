package io.triage.engine;

import java.math.BigDecimal;

/**
 * What a recommendation rests on: an answer ({@code question}, {@code answer}, {@code defaulted}
 * when the questionnaire's default was used) or a policy parameter ({@code parameter} and its
 * value in {@code answer}), followed back through the intermediate terms to the inputs of the session.
 */
public record Evidence(String question, Object answer, boolean defaulted, String parameter) {

    public static Evidence ofAnswer(String question, Object value, boolean defaulted) {
        return new Evidence(question, value, defaulted, null);
    }

    public static Evidence ofParameter(String name, BigDecimal value) {
        return new Evidence(null, value, false, name);
    }

    public boolean isParameter() {
        return parameter != null;
    }
}

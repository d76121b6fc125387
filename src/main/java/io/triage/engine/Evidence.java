package io.triage.engine;

/** An answer behind a recommendation; {@code defaulted} when the questionnaire's default was used. */
public record Evidence(String question, Object answer, boolean defaulted) {
}

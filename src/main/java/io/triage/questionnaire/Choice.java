package io.triage.questionnaire;

/** One allowed value of a choice question and the label a form shows for it. */
public record Choice(String value, String label) {
}

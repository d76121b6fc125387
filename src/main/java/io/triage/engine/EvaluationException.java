package io.triage.engine;

/** The rule set could not produce a decision for these answers (a defect in the rules, not the input). */
public class EvaluationException extends RuntimeException {

    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}

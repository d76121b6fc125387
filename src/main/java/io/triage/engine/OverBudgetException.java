package io.triage.engine;

/** The rules went past the evaluation budget on these answers; nothing was concluded or stored. */
public class OverBudgetException extends EvaluationException {

    public OverBudgetException(String message) {
        super(message);
    }
}

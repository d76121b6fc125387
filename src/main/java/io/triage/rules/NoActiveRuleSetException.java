package io.triage.rules;

/** No rule set is loaded yet, so no decision can be made. */
public class NoActiveRuleSetException extends RuntimeException {

    public NoActiveRuleSetException() {
        super("no rule set is active yet");
    }
}

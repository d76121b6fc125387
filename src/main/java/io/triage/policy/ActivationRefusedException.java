package io.triage.policy;

/** A version cannot become active (it failed validation, or it lacks a second person's approval): 409. */
public class ActivationRefusedException extends RuntimeException {

    public ActivationRefusedException(String message) {
        super(message);
    }
}

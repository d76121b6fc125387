package io.triage.rules;

/** A rule-set version was asked for that is not stored; the HTTP layer answers it as 404. */
public class UnknownVersionException extends RuntimeException {

    public UnknownVersionException(String version) {
        super("no rule-set version " + version + " is stored");
    }
}

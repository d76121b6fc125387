package io.triage.rules;

/** A version that never passed validation is asked to run in the service; it only ever runs in the worker. */
public class UntrustedVersionException extends RuntimeException {

    public UntrustedVersionException(String version) {
        super("version " + version + " never passed validation, so it only runs in the confined worker");
    }
}

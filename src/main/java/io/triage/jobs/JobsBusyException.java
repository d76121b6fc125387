package io.triage.jobs;

/** This instance runs as many background jobs as it may at once: 503, try again when one has finished. */
public class JobsBusyException extends RuntimeException {

    public JobsBusyException(int atOnce) {
        super("this instance is running " + atOnce + " background jobs already; start this one when one of them has finished");
    }
}

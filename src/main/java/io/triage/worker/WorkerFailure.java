package io.triage.worker;

/**
 * A job in the confined worker did not finish: it ran past its time limit and was killed, the
 * process died (out of memory, killed, crashed), or it reported a failure of its own. Carries
 * the last progress the worker reported (for validation, the golden case it was on).
 */
public class WorkerFailure extends RuntimeException {

    /** {@code CANCELLED}: someone asked for the job to stop, and its process was killed. */
    public enum Kind { TIMED_OUT, CRASHED, FAILED, CANCELLED }

    private final Kind kind;
    private final String lastStep;

    public WorkerFailure(Kind kind, String message, String lastStep) {
        super(message);
        this.kind = kind;
        this.lastStep = lastStep;
    }

    public Kind kind() {
        return kind;
    }

    /** What the worker said it was doing last (e.g. {@code golden case x}), or null. */
    public String lastStep() {
        return lastStep;
    }

    /** One line for reports: what happened and where. */
    public String describe() {
        return getMessage() + (lastStep == null ? "" : " (while running " + lastStep + ")");
    }
}

package io.triage.web;

import io.triage.history.Job;

/** A job's progress as its page's script reads it, a second at a time. */
public record JobStatus(String state, boolean finished, long done, long total, int percent, String progressText) {

    public static JobStatus of(Job job) {
        JobView view = JobView.of(job, "", false);
        return new JobStatus(job.state(), job.finished(), view.done(), view.total(), view.percent(), view.progressText());
    }
}

package io.triage.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import io.triage.history.Job;
import io.triage.jobs.Jobs;
import io.triage.json.CanonicalJson;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A background job as its page shows it: what it covers, a progress bar, cancel while it runs, and
 * once it has succeeded the figures of its result. {@code base} is where its page lives
 * ({@code /policy/jobs} or {@code /audit/jobs}); the page refreshes itself while the job runs.
 */
@TemplateData
public record JobView(String id, String kind, String title, String state, boolean finished, boolean succeeded,
                      long done, long total, int percent, String progressText, String window, String version,
                      String against, String createdBy, String createdAt, String finishedAt, String error,
                      boolean cancelRequested, boolean mayCancel, String base, List<Figure> figures,
                      List<String> mismatchedIds) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** One figure of a result: what it counts and how many. */
    @TemplateData
    public record Figure(String id, String label, String value) {
    }

    public static JobView of(Job job, String base, boolean mayCancel) {
        boolean impact = Jobs.Kind.IMPACT.id().equals(job.kind());
        long total = job.total() == null ? 0 : job.total();
        int percent = total == 0 ? (job.finished() ? 100 : 0) : (int) Math.min(100, job.done() * 100 / total);
        List<Figure> figures = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        if (job.result() != null) {
            JsonNode r = CanonicalJson.parse(job.result());
            figures.add(new Figure("result-replayed", "Decisions replayed", r.path("replayed").asText()));
            if (impact) {
                figures.add(new Figure("result-changed", "Decisions that would change in any way", r.path("changed").asText()));
                figures.add(new Figure("result-codes-changed", "Decisions whose recommended codes would change", r.path("codesChanged").asText()));
            } else {
                figures.add(new Figure("result-matched", "Decisions that still match", r.path("matched").asText()));
                figures.add(new Figure("result-mismatched", "Decisions that do not", r.path("mismatched").asText()));
                r.path("mismatchedIds").forEach(id -> mismatched.add(id.asText()));
            }
            figures.add(new Figure("result-elapsed", "Time taken", r.path("elapsedMillis").asText() + " ms"));
        }
        String window = job.from() == null && job.to() == null ? "all stored decisions"
                : "decisions made" + (job.from() == null ? "" : " from " + DAY.format(job.from()))
                + (job.to() == null ? "" : " before " + DAY.format(job.to()));
        return new JobView(job.id(), job.kind(), impact ? "Impact analysis" : "Replay of the decision log", job.state(),
                job.finished(), Job.SUCCEEDED.equals(job.state()), job.done(), total, percent,
                progressText(job, total), window, job.version(), job.against(), job.createdBy(), time(job),
                job.finishedAt() == null ? null : TIME.format(job.finishedAt()), job.error(), job.cancelRequested(),
                mayCancel && !job.finished(), base, figures, mismatched);
    }

    /** "1,204 of 100,000 decisions replayed", and what state the job is in. */
    public static String progressText(Job job, long total) {
        String counted = String.format(java.util.Locale.ROOT, "%,d of %,d decisions replayed", job.done(), total);
        return switch (job.state()) {
            case Job.QUEUED -> "Waiting to start";
            case Job.RUNNING -> job.cancelRequested() ? counted + "; stopping" : counted;
            case Job.SUCCEEDED -> "Finished: " + counted;
            case Job.CANCELLED -> "Cancelled after " + counted;
            default -> "Failed after " + counted;
        };
    }

    private static String time(Job job) {
        return job.createdAt() == null ? "" : TIME.format(job.createdAt());
    }
}

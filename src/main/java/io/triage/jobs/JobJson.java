package io.triage.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.history.Job;
import io.triage.json.CanonicalJson;

import java.time.Instant;

/**
 * A job as the API returns it: {@code {id, kind, state, version?, against?, from?, to?, progress:
 * {done, total}, cancelRequested, createdBy, createdAt, startedAt, finishedAt, result?, error?, links}}.
 */
public final class JobJson {

    private JobJson() {
    }

    public static ObjectNode of(Job job) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", job.id());
        n.put("kind", job.kind());
        n.put("state", job.state());
        if (job.version() != null) {
            n.put("version", job.version());
        }
        if (job.against() != null) {
            n.put("against", job.against());
        }
        n.put("from", time(job.from()));
        n.put("to", time(job.to()));
        ObjectNode progress = n.putObject("progress");
        progress.put("done", job.done());
        if (job.total() == null) {
            progress.putNull("total");
        } else {
            progress.put("total", job.total());
        }
        n.put("cancelRequested", job.cancelRequested());
        n.put("createdBy", job.createdBy());
        n.put("createdAt", time(job.createdAt()));
        n.put("startedAt", time(job.startedAt()));
        n.put("finishedAt", time(job.finishedAt()));
        if (job.result() != null) {
            n.set("result", CanonicalJson.parse(job.result()));
        }
        if (job.error() != null) {
            n.put("error", job.error());
        }
        ObjectNode links = n.putObject("links");
        links.put("self", "/api/jobs/" + job.id());
        links.put("cancel", "/api/jobs/" + job.id() + "/cancel");
        links.put("page", (Jobs.Kind.IMPACT.id().equals(job.kind()) ? "/policy/jobs/" : "/audit/jobs/") + job.id());
        return n;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}

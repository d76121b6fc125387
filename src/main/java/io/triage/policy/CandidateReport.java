package io.triage.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.InputError;
import io.triage.worker.WorkerFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A candidate's validation report as the service holds it: the JSON the confined worker produced
 * (see {@link ValidationReport#toJson()}), or one that says the worker timed out or died and
 * where. Only a report that {@link #passed()} lets a version become active.
 */
public record CandidateReport(JsonNode json) {

    public String version() {
        return json.path("version").asText();
    }

    public boolean compiled() {
        return json.path("compiled").asBoolean(false);
    }

    public boolean passed() {
        return compiled() && json.path("passed").asBoolean(false);
    }

    /** True when validation never finished (timed out or the worker died): there is nothing to activate or replay. */
    public boolean unfinished() {
        return json.has("worker");
    }

    public List<InputError> errors() {
        List<InputError> errors = new ArrayList<>();
        for (JsonNode e : json.path("errors")) {
            errors.add(new InputError(text(e, "code"), text(e, "field"), text(e, "file"),
                    e.hasNonNull("line") ? e.get("line").asInt() : null, e.hasNonNull("column") ? e.get("column").asInt() : null,
                    text(e, "message")));
        }
        return errors;
    }

    /** One line per problem, for logs, startup messages and the disk status. */
    public List<String> problems() {
        List<String> lines = new ArrayList<>();
        errors().forEach(e -> lines.add(e.describe()));
        for (JsonNode c : json.path("cases").path("results")) {
            for (JsonNode failure : c.path("failures")) {
                lines.add(c.path("file").asText() + ": " + failure.asText());
            }
        }
        for (JsonNode rule : json.path("coverage").path("uncovered")) {
            lines.add("rule '" + rule.asText() + "' is not fired by any golden case");
        }
        return lines;
    }

    /** The report of a validation the worker did not finish. */
    static CandidateReport unfinished(String version, WorkerFailure failure) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        String outcome = failure.kind().name().toLowerCase(Locale.ROOT);
        json.put("version", version);
        json.put("compiled", false);
        json.put("passed", false);
        json.putArray("errors").addObject()
                .put("code", failure.kind() == WorkerFailure.Kind.TIMED_OUT ? "timed_out" : "worker_failed")
                .put("message", "validation " + (failure.kind() == WorkerFailure.Kind.TIMED_OUT ? "" : "failed: ")
                        + failure.describe());
        json.putNull("cases");
        json.putNull("coverage");
        ObjectNode worker = json.putObject("worker");
        worker.put("outcome", outcome);
        worker.put("detail", failure.getMessage());
        if (failure.lastStep() != null) {
            worker.put("step", failure.lastStep());
        }
        return new CandidateReport(json);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}

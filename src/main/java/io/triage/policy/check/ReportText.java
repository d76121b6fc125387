package io.triage.policy.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;

import java.util.ArrayList;
import java.util.List;

/**
 * A validation report as lines a person or a CI log reads: one {@code file:line:column: error:
 * message} line per finding, the form compilers use and editors link to, then a summary. Reads
 * the report's JSON, so whatever the report carries (warnings, invariants) is printed without a
 * change here.
 */
public final class ReportText {

    private ReportText() {
    }

    public static List<String> lines(JsonNode report) {
        List<String> lines = new ArrayList<>();
        report.path("errors").forEach(e -> lines.add(line(e, "error")));
        report.path("warnings").forEach(w -> lines.add(line(w, "warning")));
        long failedCases = 0;
        for (JsonNode c : report.path("cases").path("results")) {
            if (!c.path("passed").asBoolean(true)) {
                failedCases++;
                for (JsonNode failure : c.path("failures")) {
                    lines.add(c.path("file").asText() + ": error: golden case '" + c.path("name").asText() + "': " + failure.asText());
                }
            }
        }
        for (JsonNode rule : report.path("coverage").path("uncovered")) {
            lines.add("error: rule '" + rule.asText() + "' is not fired by any golden case");
        }
        JsonNode violations = report.path("invariants").path("violations");
        for (JsonNode v : violations) {
            String where = v.hasNonNull("file") ? v.path("file").asText() + (v.hasNonNull("line") ? ":" + v.path("line").asInt() : "") + ": " : "";
            lines.add(where + "error: invariant '" + v.path("invariant").asText() + "' is broken: "
                    + v.path("description").asText() + "; answers " + v.path("answers"));
            if (v.hasNonNull("counterexample")) {
                v.path("counterexample").asText().lines().forEach(l -> lines.add("    " + l));
            }
        }
        if (report.has("worker")) {
            lines.add("error: the check did not finish: " + report.path("worker").path("detail").asText());
        }
        lines.add(summary(report, failedCases, violations.size()));
        return lines;
    }

    /** One finding: {@code file:line:column: error: message}, the location as far as it is known. */
    static String line(JsonNode finding, String severity) {
        String location = location(text(finding, "file"), finding.hasNonNull("line") ? finding.get("line").asInt() : null,
                finding.hasNonNull("column") ? finding.get("column").asInt() : null, text(finding, "field"));
        return location + severity + ": " + finding.path("message").asText();
    }

    static String line(InputError e, String severity) {
        return location(e.file(), e.line(), e.column(), e.field()) + severity + ": " + e.message();
    }

    private static String location(String file, Integer line, Integer column, String field) {
        if (file == null) {
            return field == null ? "" : field + ": ";
        }
        return file + (line == null ? "" : ":" + line + (column == null ? "" : ":" + column)) + ": ";
    }

    private static String summary(JsonNode report, long failedCases, int violations) {
        boolean passed = report.path("compiled").asBoolean(false) && report.path("passed").asBoolean(false);
        List<String> parts = new ArrayList<>();
        int errors = report.path("errors").size();
        if (errors > 0) {
            parts.add(errors + (errors == 1 ? " error" : " errors"));
        }
        JsonNode cases = report.path("cases");
        if (cases.isObject()) {
            parts.add(failedCases == 0 ? cases.path("total").asInt() + " golden cases pass"
                    : failedCases + " of " + cases.path("total").asInt() + " golden cases fail");
        } else {
            parts.add("golden cases not run");
        }
        JsonNode coverage = report.path("coverage");
        if (coverage.isObject()) {
            parts.add(coverage.path("covered").asInt() + " of " + coverage.path("rules").asInt() + " rules covered");
        }
        if (report.path("invariants").isObject()) {
            parts.add(violations == 0 ? report.path("invariants").path("checked").asInt() + " invariants hold"
                    : violations + (violations == 1 ? " invariant broken" : " invariants broken"));
        }
        if (report.has("warnings")) {
            int warnings = report.path("warnings").size();
            parts.add(warnings + (warnings == 1 ? " warning" : " warnings"));
        }
        return (passed ? "PASSED" : "FAILED") + ": " + String.join(", ", parts) + " (" + report.path("version").asText() + ")";
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}

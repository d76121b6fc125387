package io.triage.web.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import io.triage.common.InputError;
import io.triage.json.CanonicalJson;
import io.triage.rules.RuleSetFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The workbench editor: a version's files, those opened each in a text box (a code editor where
 * JavaScript runs) with the version's findings listed under it and marked at their line and
 * column, room for a new file, and the note for the candidate it becomes.
 */
@TemplateData
public record EditorView(String base, boolean basePassed, boolean baseCompiled, String message, List<String> errors,
                         List<FileRow> files, List<OpenFile> opened, String newPath, String newContent, String note,
                         int findings) {

    /** A file of the base version, and whether it is open and has findings. */
    @TemplateData
    public record FileRow(String path, boolean open, int findings) {
    }

    /** {@code mode}: drl or yaml, for the editor's highlighting. */
    @TemplateData
    public record OpenFile(int index, String id, String path, String mode, String content, List<Finding> findings,
                           SourceListing listing) {
    }

    /** One finding of the report, at its place: {@code severity} error or warning. */
    @TemplateData
    public record Finding(int line, Integer column, String severity, String message, String text) {
    }

    /** Every finding of a stored report that names a file: errors and warnings, failing cases, broken invariants. */
    static List<InputError> placed(JsonNode report, List<InputError> warnings) {
        List<InputError> found = new ArrayList<>(VersionView.errorsOf(report));
        found.addAll(warnings);
        for (JsonNode c : report.path("cases").path("results")) {
            if (!c.path("passed").asBoolean(true)) {
                c.path("failures").forEach(f -> found.add(InputError.file(c.path("file").asText(), 1, null, "golden_case_failed",
                        "golden case '" + c.path("name").asText() + "': " + f.asText())));
            }
        }
        for (JsonNode v : report.path("invariants").path("violations")) {
            if (v.hasNonNull("file")) {
                found.add(InputError.file(v.path("file").asText(), v.hasNonNull("line") ? v.path("line").asInt() : 1, null,
                        "invariant_broken", "invariant '" + v.path("invariant").asText() + "' is broken by " + v.path("answers")));
            }
        }
        return found;
    }

    /** The report's warnings (lint), where the report has them. */
    static List<InputError> warningsOf(JsonNode report) {
        List<InputError> warnings = new ArrayList<>();
        report.path("warnings").forEach(w -> warnings.add(CanonicalJson.MAPPER.convertValue(w, InputError.class)));
        return warnings;
    }

    static OpenFile open(int index, String path, String content, List<InputError> findings, Set<InputError> warnings) {
        List<Finding> here = new ArrayList<>();
        int lines = Math.max(1, content.split("\n", -1).length - (content.endsWith("\n") ? 1 : 0));
        for (InputError e : findings) {
            if (path.equals(e.file())) {
                int line = e.line() == null || e.line() < 1 ? 1 : Math.min(e.line(), lines);
                here.add(new Finding(line, e.column(), warnings.contains(e) ? "warning" : "error", e.message(), e.describe()));
            }
        }
        return new OpenFile(index, "file-" + index, path, path.endsWith(".drl") ? "drl" : "yaml", content, here,
                here.isEmpty() ? null : SourceListing.of(path, content, findings.stream().filter(e -> path.equals(e.file())).toList()));
    }

    static boolean editable(String path) {
        return path.startsWith(RuleSetFiles.RULES) || path.startsWith(RuleSetFiles.TEST_CASES);
    }
}

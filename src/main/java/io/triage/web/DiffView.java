package io.triage.web;

import io.quarkus.qute.TemplateData;
import io.triage.diff.LineDiff;
import io.triage.diff.RuleSetDiff;
import io.triage.web.policy.NoteRow;

import java.util.List;

/**
 * Two rule-set versions compared, as the policy owner's and the auditor's pages show it: the
 * changes in words, then each file's hunks with removed and added lines marked and numbered, the
 * notes of both versions, and every other version to compare with.
 */
@TemplateData
public record DiffView(String version, String against, int filesChanged, int linesAdded, int linesRemoved,
                       List<FileView> files, List<NoteRow> versionNotes, List<NoteRow> againstNotes,
                       List<Choice> choices, boolean againstActive) {

    @TemplateData
    public record FileView(String path, String anchor, String status, int linesAdded, int linesRemoved,
                           List<String> changes, List<HunkView> hunks) {
    }

    @TemplateData
    public record HunkView(String header, List<LineView> lines) {
    }

    /** {@code kind}: context, removed or added; {@code sign}: ' ', '-' or '+'. */
    @TemplateData
    public record LineView(String kind, String sign, String oldNumber, String newNumber, String text) {
    }

    /** A version the page can compare with: its hash and a label with when and by whom. */
    @TemplateData
    public record Choice(String version, String label, boolean selected) {
    }

    public static DiffView of(RuleSetDiff diff, List<NoteRow> versionNotes, List<NoteRow> againstNotes,
                              List<Choice> choices, boolean againstActive) {
        List<FileView> files = diff.files().stream().map(f -> new FileView(f.path(),
                "diff-" + f.path().replaceAll("[^A-Za-z0-9]+", "-"), f.status(), f.linesAdded(), f.linesRemoved(),
                f.changes(), f.hunks().stream().map(h -> new HunkView(h.header(), h.lines().stream()
                        .map(DiffView::line).toList())).toList())).toList();
        return new DiffView(diff.version(), diff.against(), diff.filesChanged(), diff.linesAdded(), diff.linesRemoved(),
                files, versionNotes, againstNotes, choices, againstActive);
    }

    private static LineView line(LineDiff.Line l) {
        String sign = switch (l.kind()) {
            case LineDiff.Line.ADDED -> "+";
            case LineDiff.Line.REMOVED -> "-";
            default -> " ";
        };
        return new LineView(l.kind(), sign, l.oldNumber() == null ? "" : l.oldNumber().toString(),
                l.newNumber() == null ? "" : l.newNumber().toString(), l.text());
    }

    /** Every change said in words, over all files. */
    public List<String> changesInWords() {
        return files.stream().flatMap(f -> f.changes().stream()).toList();
    }
}

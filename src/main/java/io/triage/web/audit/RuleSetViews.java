package io.triage.web.audit;

import io.triage.history.RuleSetActivation;
import io.triage.history.RuleSetCandidate;
import io.triage.history.VersionNote;
import io.triage.rules.RuleSetFiles;

import java.util.Arrays;
import java.util.List;

/** Rule-set history rows and sources as the auditor's read-only pages show them. */
public final class RuleSetViews {

    private RuleSetViews() {
    }

    /**
     * A submitted version: who, when, where from, whether it passed validation, whether it is active
     * now, and the latest note on why it changes the policy (null if none).
     */
    public record VersionRow(String version, String submittedAt, String submittedBy, String origin, boolean passed,
                      boolean active, String note) {

        static VersionRow of(RuleSetCandidate c, String activeVersion, java.util.Map<String, VersionNote> notes) {
            VersionNote note = notes.get(c.version());
            return new VersionRow(c.version(), c.submittedAt().toString(), c.submittedBy(), c.origin(), c.passed(),
                    c.version().equals(activeVersion), note == null ? null : note.note());
        }
    }

    /** An activation as recorded, with the note given with it and the latest note on the version it activated. */
    public record ActivationRow(RuleSetActivation activation, String note, String versionNote) {
    }

    /** One file of a version, split into lines for a numbered listing; rule files are shown open, golden cases folded. */
    public record SourceFile(String path, String anchor, List<String> lines, boolean open) {

        static SourceFile of(String path, String content) {
            List<String> lines = Arrays.asList(content.split("\n", -1));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines = lines.subList(0, lines.size() - 1);
            }
            return new SourceFile(path, "file-" + path.replaceAll("[^A-Za-z0-9]+", "-"), lines,
                    path.startsWith(RuleSetFiles.RULES));
        }
    }
}

package io.triage.web;

import io.triage.diff.RuleSetDiff;
import io.triage.history.RuleSetCandidate;
import io.triage.history.VersionNote;
import io.triage.json.Sha256;
import io.triage.app.RuleSetLifecycle;
import io.triage.rules.RuleSetFiles;
import io.triage.web.policy.NoteRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Builds the comparison of two stored versions for the pages, the same diff {@code GET /api/rulesets/{v}/diff} returns. */
@ApplicationScoped
public class VersionComparison {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final RuleSetLifecycle ruleSets;

    VersionComparison(RuleSetLifecycle ruleSets) {
        this.ruleSets = ruleSets;
    }

    /** @param against the version to compare with; null or blank for the active one */
    public DiffView view(String version, String against) {
        String activeVersion = ruleSets.active().version();
        String base = against == null || against.isBlank() ? activeVersion : against.trim();
        RuleSetDiff diff = RuleSetDiff.of(files(base), files(version));
        Map<String, VersionNote> latest = ruleSets.latestNotes();
        List<DiffView.Choice> choices = ruleSets.candidates().stream().filter(c -> !c.version().equals(version))
                .map(c -> new DiffView.Choice(c.version(), label(c, activeVersion, latest.get(c.version())), c.version().equals(base)))
                .toList();
        return DiffView.of(diff, notes(version), notes(base), choices, base.equals(activeVersion));
    }

    private static String label(RuleSetCandidate c, String activeVersion, VersionNote note) {
        String text = c.version().substring(0, "sha256:".length() + 12) + "… " + WHEN.format(c.submittedAt()) + " by " + c.submittedBy()
                + (c.version().equals(activeVersion) ? " (active)" : c.passed() ? "" : " (refused)");
        if (note != null) {
            String firstLine = note.note().lines().findFirst().orElse("");
            text += ": " + (firstLine.length() > 60 ? firstLine.substring(0, 57) + "..." : firstLine);
        }
        return text;
    }

    private List<NoteRow> notes(String version) {
        return ruleSets.notesOf(version).stream().map(NoteRow::of).toList();
    }

    private RuleSetFiles files(String version) {
        if (!Sha256.looksLikeHash(version)) {
            throw new NotFoundException("'" + version + "' is not a rule-set version (sha256:<64 hex digits>)");
        }
        return ruleSets.find(version).orElseThrow(() -> new NotFoundException("no rule-set version " + version)).files();
    }
}

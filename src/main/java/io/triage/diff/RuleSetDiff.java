package io.triage.diff;

import io.triage.rules.RuleSetFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What changed from one rule-set version ({@code against}) to another ({@code version}), file by
 * file: unified hunks with added and removed lines, and the changes said in words (rules added,
 * removed or changed; data values by key path). Works on any file name, so a new kind of data file
 * needs nothing here.
 */
public record RuleSetDiff(String version, String against, int filesChanged, int linesAdded, int linesRemoved,
                          List<FileDiff> files) {

    /** One file: {@code status} added, removed or changed; {@code changes} in words; {@code unified} as diff -u prints it. */
    public record FileDiff(String path, String status, int linesAdded, int linesRemoved, List<String> changes,
                           List<YamlChanges.Change> dataChanges, boolean describedInWords, List<LineDiff.Hunk> hunks,
                           String unified) {
    }

    public static RuleSetDiff of(RuleSetFiles against, RuleSetFiles version) {
        TreeSet<String> paths = new TreeSet<>(against.all().keySet());
        paths.addAll(version.all().keySet());
        List<FileDiff> files = new ArrayList<>();
        int added = 0;
        int removed = 0;
        for (String path : paths) {
            String before = against.get(path);
            String after = version.get(path);
            if (before != null && before.equals(after)) {
                continue;
            }
            FileDiff file = file(path, before, after);
            added += file.linesAdded();
            removed += file.linesRemoved();
            files.add(file);
        }
        return new RuleSetDiff(version.version(), against.version(), files.size(), added, removed, files);
    }

    static FileDiff file(String path, String before, String after) {
        String status = before == null ? "added" : after == null ? "removed" : "changed";
        List<LineDiff.Hunk> hunks = LineDiff.hunks(LineDiff.lines(before), LineDiff.lines(after));
        int added = 0;
        int removed = 0;
        for (LineDiff.Hunk h : hunks) {
            for (LineDiff.Line l : h.lines()) {
                added += l.kind().equals(LineDiff.Line.ADDED) ? 1 : 0;
                removed += l.kind().equals(LineDiff.Line.REMOVED) ? 1 : 0;
            }
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        List<String> words = new ArrayList<>();
        List<YamlChanges.Change> data = List.of();
        boolean described = true;
        if (path.endsWith(".drl")) {
            DrlChanges.between(before, after).forEach(c -> words.add(name + ": " + c));
        } else if (path.endsWith(".yaml")) {
            Optional<List<YamlChanges.Change>> changes = YamlChanges.between(before, after);
            if (changes.isPresent()) {
                data = status.equals("changed") ? changes.get() : List.of();
                data.forEach(c -> words.add(name + ": " + c.text()));
                if (status.equals("changed") && data.isEmpty()) {
                    words.add(name + ": only comments or layout changed");
                }
            } else {
                described = false;
                words.add(name + ": not readable as YAML on one side; only the lines are compared");
            }
        } else {
            described = false;
        }
        if (!status.equals("changed")) {
            words.add(0, name + " " + status);
        }
        String unified = LineDiff.unified(before == null ? "/dev/null" : "a/" + path, after == null ? "/dev/null" : "b/" + path, hunks);
        return new FileDiff(path, status, added, removed, words, data, described, hunks, unified);
    }
}

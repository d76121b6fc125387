package io.triage.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines two texts have in common and those only one has, as unified hunks with context: what
 * {@code diff -u} shows. The longest common subsequence is computed on the part between the common
 * beginning and end; past {@link #MAX_CELLS} cells of that table the middle counts as replaced
 * whole, so one request never costs more than a few megabytes.
 */
public final class LineDiff {

    static final long MAX_CELLS = 4_000_000;
    public static final int CONTEXT = 3;

    /** One line of a hunk: context (in both), removed (only before) or added (only after); numbers are 1-based or null. */
    public record Line(String kind, Integer oldNumber, Integer newNumber, String text) {
        public static final String CONTEXT = "context";
        public static final String REMOVED = "removed";
        public static final String ADDED = "added";
    }

    /** {@code @@ -oldStart,oldLines +newStart,newLines @@} and its lines. */
    public record Hunk(int oldStart, int oldLines, int newStart, int newLines, List<Line> lines) {

        public String header() {
            return "@@ -" + oldStart + "," + oldLines + " +" + newStart + "," + newLines + " @@";
        }
    }

    private LineDiff() {
    }

    public static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\n", -1));
    }

    /** The hunks that turn {@code before} into {@code after}; empty when they are the same. */
    public static List<Hunk> hunks(List<String> before, List<String> after) {
        List<Line> all = script(before, after);
        List<Hunk> hunks = new ArrayList<>();
        int i = 0;
        while (i < all.size()) {
            if (all.get(i).kind().equals(Line.CONTEXT)) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend over changes closer together than twice the context
            while (end < all.size()) {
                int nextChange = end;
                while (nextChange < all.size() && all.get(nextChange).kind().equals(Line.CONTEXT)) {
                    nextChange++;
                }
                if (nextChange == all.size() || nextChange - end > 2 * CONTEXT) {
                    end = Math.min(all.size(), end + CONTEXT);
                    break;
                }
                end = nextChange;
                while (end < all.size() && !all.get(end).kind().equals(Line.CONTEXT)) {
                    end++;
                }
            }
            hunks.add(hunk(all.subList(start, end)));
            i = end;
        }
        return hunks;
    }

    /** The standard unified text of the hunks, with the two names in its header. */
    public static String unified(String oldName, String newName, List<Hunk> hunks) {
        StringBuilder sb = new StringBuilder("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        for (Hunk h : hunks) {
            sb.append(h.header()).append('\n');
            for (Line l : h.lines()) {
                sb.append(switch (l.kind()) {
                    case Line.ADDED -> '+';
                    case Line.REMOVED -> '-';
                    default -> ' ';
                }).append(l.text()).append('\n');
            }
        }
        return sb.toString();
    }

    private static Hunk hunk(List<Line> lines) {
        int oldStart = 0;
        int newStart = 0;
        int oldLines = 0;
        int newLines = 0;
        for (Line l : lines) {
            if (l.oldNumber() != null) {
                oldStart = oldStart == 0 ? l.oldNumber() : oldStart;
                oldLines++;
            }
            if (l.newNumber() != null) {
                newStart = newStart == 0 ? l.newNumber() : newStart;
                newLines++;
            }
        }
        // an empty side starts at the line before the change, as diff -u writes it
        if (oldLines == 0) {
            oldStart = Math.max(0, firstNumber(lines, true) - 1);
        }
        if (newLines == 0) {
            newStart = Math.max(0, firstNumber(lines, false) - 1);
        }
        return new Hunk(oldStart, oldLines, newStart, newLines, List.copyOf(lines));
    }

    private static int firstNumber(List<Line> lines, boolean old) {
        for (Line l : lines) {
            Integer other = old ? l.newNumber() : l.oldNumber();
            if (other != null) {
                return other;
            }
        }
        return 1;
    }

    /** Every line of both texts in order, each marked context, removed or added. */
    static List<Line> script(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Line> out = new ArrayList<>(a.size() + b.size());
        for (int i = 0; i < prefix; i++) {
            out.add(new Line(Line.CONTEXT, i + 1, i + 1, a.get(i)));
        }
        middle(a, b, prefix, a.size() - suffix, prefix, b.size() - suffix, out);
        for (int k = suffix; k > 0; k--) {
            int i = a.size() - k;
            int j = b.size() - k;
            out.add(new Line(Line.CONTEXT, i + 1, j + 1, a.get(i)));
        }
        return out;
    }

    private static void middle(List<String> a, List<String> b, int aFrom, int aTo, int bFrom, int bTo, List<Line> out) {
        int n = aTo - aFrom;
        int m = bTo - bFrom;
        if ((long) n * m > MAX_CELLS) {
            for (int i = aFrom; i < aTo; i++) {
                out.add(new Line(Line.REMOVED, i + 1, null, a.get(i)));
            }
            for (int j = bFrom; j < bTo; j++) {
                out.add(new Line(Line.ADDED, null, j + 1, b.get(j)));
            }
            return;
        }
        // lcs[i][j]: length of the longest common subsequence of a[aFrom+i..] and b[bFrom+j..]
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(aFrom + i).equals(b.get(bFrom + j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(aFrom + i).equals(b.get(bFrom + j))) {
                out.add(new Line(Line.CONTEXT, aFrom + i + 1, bFrom + j + 1, a.get(aFrom + i)));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // a replaced line reads as removed, then added
                out.add(new Line(Line.REMOVED, aFrom + i + 1, null, a.get(aFrom + i)));
                i++;
            } else {
                out.add(new Line(Line.ADDED, null, bFrom + j + 1, b.get(bFrom + j)));
                j++;
            }
        }
    }
}

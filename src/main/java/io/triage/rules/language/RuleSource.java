package io.triage.rules.language;

import java.util.Arrays;

/**
 * A rule file as the checker and the compiler both see it: its unicode escapes translated the way
 * the Java compiler would, so that what is checked is exactly what is compiled. Positions found in
 * the translated text are reported in the file as its author wrote it.
 */
public final class RuleSource {

    private final String path;
    private final String original;
    private final String text;
    // translated offset -> original offset; one entry past the end
    private final int[] originalOffset;
    private final int leftoverEscape;

    private RuleSource(String path, String original, String text, int[] originalOffset, int leftoverEscape) {
        this.path = path;
        this.original = original;
        this.text = text;
        this.originalOffset = originalOffset;
        this.leftoverEscape = leftoverEscape;
    }

    /**
     * Translates {@code \\uXXXX} escapes once, as Java does before it reads a single token: a
     * backslash preceded by an odd number of backslashes is not an escape, and {@code \\uuuu0041}
     * is one escape.
     */
    public static RuleSource of(String path, String original) {
        StringBuilder out = new StringBuilder(original.length());
        int[] map = new int[original.length() + 1];
        int i = 0;
        int backslashes = 0;
        while (i < original.length()) {
            char c = original.charAt(i);
            if (c == '\\' && backslashes % 2 == 0 && i + 1 < original.length() && original.charAt(i + 1) == 'u') {
                int j = i + 1;
                while (j < original.length() && original.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= original.length() && isHex(original, j, j + 4)) {
                    map[out.length()] = i;
                    out.append((char) Integer.parseInt(original.substring(j, j + 4), 16));
                    i = j + 4;
                    // a translated backslash never starts another escape
                    backslashes = 0;
                    continue;
                }
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
            map[out.length()] = i;
            out.append(c);
            i++;
        }
        map[out.length()] = original.length();
        String text = out.toString();
        return new RuleSource(path, original, text, Arrays.copyOf(map, text.length() + 1), findEscape(text));
    }

    private static boolean isHex(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Offset of a unicode escape that a second translation would still find, or -1. */
    private static int findEscape(String text) {
        int backslashes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && backslashes % 2 == 0 && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
                return i;
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
        }
        return -1;
    }

    public String path() {
        return path;
    }

    /** The text the checker parses and the compiler compiles. */
    public String text() {
        return text;
    }

    public String original() {
        return original;
    }

    /**
     * Offset in {@link #text()} of an escape that translating once more would turn into another
     * character (written as an escaped backslash followed by {@code u}); -1 if there is none.
     */
    int leftoverEscape() {
        return leftoverEscape;
    }

    /** Line and column (from 1) in the original file of an offset in the translated text. */
    int[] position(int translatedOffset) {
        int offset = originalOffset[Math.max(0, Math.min(translatedOffset, originalOffset.length - 1))];
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < original.length(); i++) {
            if (original.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    /** Offset in the translated text of a line (from 1) and a 0-based column, as Drools' parser reports them. */
    int offsetOf(int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            int next = text.indexOf('\n', offset);
            offset = next < 0 ? text.length() : next + 1;
        }
        return Math.min(text.length(), offset + Math.max(0, column));
    }
}

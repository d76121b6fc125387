package io.triage.rules;

/** Line and column (both from 1) of a character offset in a source text. */
final class SourcePosition {

    private SourcePosition() {
    }

    static int[] of(String source, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }
}

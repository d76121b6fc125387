package io.triage.rules.language;

/** Turns Drools compiler messages into one readable line without Java class names, at most 300 characters. */
public final class DroolsText {

    static final int MAX = 300;

    private DroolsText() {
    }

    public static String oneLine(String text) {
        if (text == null || text.isBlank()) {
            return "does not compile";
        }
        String flat = text.replaceAll("\\s+", " ").strip().replaceFirst("^(?:\\[ERR \\d+\\]\\s*)?(?:Line \\d+:\\d+\\s*)?", "");
        if (flat.isEmpty()) {
            return "does not compile";
        }
        flat = flat.replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)", "$1");
        String line = Character.toLowerCase(flat.charAt(0)) + flat.substring(1);
        return line.length() <= MAX ? line : line.substring(0, MAX - 3) + "...";
    }
}

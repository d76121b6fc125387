package io.triage.rules.language;

/** Turns Drools compiler messages into one readable line without Java class names. */
public final class DroolsText {

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
        return Character.toLowerCase(flat.charAt(0)) + flat.substring(1);
    }
}

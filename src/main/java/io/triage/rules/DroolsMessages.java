package io.triage.rules;

/** Turns Drools compiler messages into one readable line without Java class names. */
final class DroolsMessages {

    private DroolsMessages() {
    }

    static String oneLine(String text) {
        if (text == null || text.isBlank()) {
            return "does not compile";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        flat = flat.replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)", "$1");
        return Character.toLowerCase(flat.charAt(0)) + flat.substring(1);
    }
}

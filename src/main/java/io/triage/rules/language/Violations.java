package io.triage.rules.language;

import io.triage.common.InputError;

import java.util.ArrayList;
import java.util.List;

/**
 * What the checker found wrong in one file, each at the line and column of the original file.
 * Bounded: a file with hundreds of violations reports the first {@link #MAX} and a count, and no
 * message is longer than {@link #MAX_MESSAGE} characters, however long the offending text.
 */
final class Violations {

    static final int MAX = 50;
    static final int MAX_MESSAGE = 240;
    static final String CODE = "not_in_rule_language";
    /** A name that resolves to nothing: usually a typo rather than an attempt to leave the language. */
    static final String UNKNOWN_NAME = "unknown_name";

    private final RuleSource source;
    private final List<InputError> errors = new ArrayList<>();
    private int dropped;

    Violations(RuleSource source) {
        this.source = source;
    }

    /** @param offset in the translated text */
    void at(int offset, String message) {
        add(CODE, offset, message);
    }

    void add(String code, int offset, String message) {
        if (errors.size() >= MAX) {
            dropped++;
            return;
        }
        int[] at = offset < 0 ? null : source.position(offset);
        errors.add(InputError.file(source.path(), at == null ? null : at[0], at == null ? null : at[1], code, bounded(message)));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    List<InputError> errors() {
        List<InputError> all = new ArrayList<>(errors);
        if (dropped > 0) {
            all.add(InputError.file(source.path(), CODE, "and " + dropped + " more problems in this file"));
        }
        return all;
    }

    /** Quoted user text, shortened: a message never carries a whole file back. */
    static String quote(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return "'" + (flat.length() > 60 ? flat.substring(0, 57) + "..." : flat) + "'";
    }

    private static String bounded(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }
}

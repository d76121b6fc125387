package io.triage.policy;

import io.triage.common.InputError;
import io.triage.common.InvalidInputException;

import java.util.List;

/**
 * The note a policy owner gives with a change: why it changes the policy. Optional (a disk edit has
 * none), plain text, at most {@link #MAX_LENGTH} characters, no control characters but line breaks
 * and tabs.
 */
public final class ChangeNote {

    public static final int MAX_LENGTH = 2000;

    private ChangeNote() {
    }

    /** The note as stored: stripped, with line breaks as LF; null when none was given. */
    public static String clean(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        String text = note.replace("\r\n", "\n").strip();
        if (text.length() > MAX_LENGTH) {
            throw refused("the note has " + text.length() + " characters; at most " + MAX_LENGTH + " are kept");
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' || c == 0x7f)) {
            throw refused("the note holds control characters; write it as plain text");
        }
        return text;
    }

    private static InvalidInputException refused(String message) {
        return new InvalidInputException("invalid note", List.of(InputError.field("note", "invalid_note", message)));
    }
}

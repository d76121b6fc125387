package io.triage.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with what a user gave us, located precisely: a question of the questionnaire
 * ({@code field}) or a place in a rule-set file ({@code file}, {@code line}, {@code column}).
 * Messages are one line, lower-case, quote the user's input and never name Java classes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputError(String code, String field, String file, Integer line, Integer column, String message) {

    public static InputError field(String field, String code, String message) {
        return new InputError(code, field, null, null, null, message);
    }

    public static InputError file(String file, Integer line, Integer column, String code, String message) {
        return new InputError(code, null, file, line, column, message);
    }

    public static InputError file(String file, String code, String message) {
        return file(file, null, null, code, message);
    }

    /** User input quoted in a message: in single quotes, cut short so no message grows with its input. */
    public static String quoted(String input) {
        return "'" + (input.length() <= 60 ? input : input.substring(0, 60) + "…") + "'";
    }

    /** {@code file:line:column: message}, the form compilers and editors understand. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line != null) {
                sb.append(':').append(line);
                if (column != null) {
                    sb.append(':').append(column);
                }
            }
            sb.append(": ");
        } else if (field != null) {
            sb.append(field).append(": ");
        }
        return sb.append(message).toString();
    }
}

package io.triage.store;

import io.triage.common.InputError;
import io.triage.common.InvalidInputException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Turns the list's query parameters into a {@link DecisionQuery}, naming every bad one. */
public final class ListParameters {

    public static final int DEFAULT_LIMIT = 20;

    private ListParameters() {
    }

    public static DecisionQuery query(Integer limit, String before, String from, String to, String code, String user) {
        List<InputError> errors = new ArrayList<>();
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > DecisionQuery.MAX_LIMIT) {
            errors.add(InputError.field("limit", "out_of_range", "'" + size + "' is outside the allowed range 1 to " + DecisionQuery.MAX_LIMIT));
        }
        Long cursor = null;
        if (before != null && !before.isBlank()) {
            try {
                cursor = Long.parseLong(before.trim());
            } catch (NumberFormatException e) {
                errors.add(InputError.field("before", "invalid_cursor", "'" + before + "' is not a cursor; use the 'next' value of the previous page"));
            }
        }
        Instant start = instant("from", from, false, errors);
        Instant end = instant("to", to, true, errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(InputError.field("to", "empty_range", "'to' must be after 'from'"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid list parameters", errors);
        }
        return new DecisionQuery(size, cursor, start, end, blankToNull(code), blankToNull(user));
    }

    /**
     * An ISO instant ({@code 2026-11-28T10:00:00Z}) or a date ({@code 2026-11-28}, UTC). A date as
     * 'to' includes that whole day.
     */
    private static Instant instant(String field, String value, boolean endOfRange, List<InputError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = LocalDate.parse(value.trim());
                return (endOfRange ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notDate) {
                errors.add(InputError.field(field, "invalid_time", "'" + value + "' is not a date (2026-11-28) or an instant (2026-11-28T10:00:00Z)"));
                return null;
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

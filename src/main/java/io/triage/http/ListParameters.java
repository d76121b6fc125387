package io.triage.http;

import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.history.DecisionQuery;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the list's query parameters, exactly as typed, into a {@link DecisionQuery}, naming every
 * bad one. Each value is matched against its shape before it is converted, so nothing typed can
 * reach a conversion that fails in a way nobody planned for (an overflowing number, a year
 * -999999999).
 */
public final class ListParameters {

    public static final int DEFAULT_LIMIT = 20;
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,4}");
    private static final Pattern CURSOR = Pattern.compile("[0-9]{1,18}");
    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern INSTANT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?Z");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    /** As account names are made (AccountService). */
    private static final Pattern USER = Pattern.compile("[a-z][a-z0-9._-]{1,63}");
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    private ListParameters() {
    }

    /** A page of a fixed size (the web pages), with the other parameters as typed. */
    public static DecisionQuery query(int limit, String before, String from, String to, String code, String user) {
        return query(String.valueOf(limit), before, from, to, code, user);
    }

    /** Every parameter as typed; null or blank means not given. */
    public static DecisionQuery query(String limit, String before, String from, String to, String code, String user) {
        List<InputError> errors = new ArrayList<>();
        int size = DEFAULT_LIMIT;
        if (given(limit)) {
            String typed = limit.trim();
            if (!LIMIT.matcher(typed).matches() || Integer.parseInt(typed) < 1 || Integer.parseInt(typed) > DecisionQuery.MAX_LIMIT) {
                errors.add(InputError.field("limit", "invalid_limit", InputError.quoted(limit)
                        + " is not a whole number from 1 to " + DecisionQuery.MAX_LIMIT));
            } else {
                size = Integer.parseInt(typed);
            }
        }
        Long cursor = null;
        if (given(before)) {
            if (!CURSOR.matcher(before.trim()).matches()) {
                errors.add(InputError.field("before", "invalid_cursor", InputError.quoted(before)
                        + " is not a cursor; use the 'next' value of the previous page"));
            } else {
                cursor = Long.parseLong(before.trim());
            }
        }
        Instant start = instant("from", from, false, errors);
        Instant end = instant("to", to, true, errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(InputError.field("to", "empty_range", "'to' must be after 'from'"));
        }
        if (given(code) && !CODE.matcher(code.trim()).matches()) {
            errors.add(InputError.field("code", "invalid_code", InputError.quoted(code)
                    + " is not a recommendation code (capital letters, digits and _, like RAG)"));
        }
        if (given(user) && !USER.matcher(user.trim()).matches()) {
            errors.add(InputError.field("user", "invalid_user", InputError.quoted(user) + " is not an account name"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid list parameters", errors);
        }
        return new DecisionQuery(size, cursor, start, end, blankToNull(code), blankToNull(user));
    }

    /**
     * An instant ({@code 2026-11-28T10:00:00Z}) or a date ({@code 2026-11-28}, UTC), from 1970 to
     * the year 9999. A date as 'to' includes that whole day.
     */
    private static Instant instant(String field, String value, boolean endOfRange, List<InputError> errors) {
        if (!given(value)) {
            return null;
        }
        String typed = value.trim();
        try {
            Instant at = null;
            if (DAY.matcher(typed).matches()) {
                LocalDate day = LocalDate.parse(typed);
                at = (endOfRange ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            } else if (INSTANT.matcher(typed).matches()) {
                at = Instant.parse(typed);
            }
            if (at != null && !at.isBefore(EARLIEST)) {
                return at;
            }
        } catch (DateTimeException notADate) {
            // 2026-13-45: the shape was right, the date is not; said below
        }
        errors.add(InputError.field(field, "invalid_time", InputError.quoted(value)
                + " is not a date (2026-11-28) or an instant (2026-11-28T10:00:00Z) from 1970 to 9999"));
        return null;
    }

    private static boolean given(String s) {
        return s != null && !s.isBlank();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

package io.triage.questionnaire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.InputError;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code type: date}: a calendar date written {@code YYYY-MM-DD} (ISO 8601), optionally within
 * {@code [min, max]} given the same way. The fact value is that text, so the decision record stores
 * a JSON string and a rule matches a date by its text ({@code text == "2026-03-31"}); the rule
 * language allows no ordering of text today, so "before 2027" is not yet expressible in DRL. The
 * form shows the browser's date picker.
 */
public final class DateType extends QuestionType {

    public static final String NAME = "date";
    private static final Pattern SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private final LocalDate min;
    private final LocalDate max;

    public DateType(LocalDate min, LocalDate max) {
        this.min = min;
        this.max = max;
    }

    static DateType define(QuestionDefinition d) {
        d.takes("min", "max");
        LocalDate min = bound(d, "min", d.min());
        LocalDate max = bound(d, "max", d.max());
        if ((d.min() != null && min == null) || (d.max() != null && max == null)) {
            return null;
        }
        if (min != null && max != null && min.isAfter(max)) {
            d.error("question '" + d.id() + "' has min " + min + " above max " + max);
            return null;
        }
        return new DateType(min, max);
    }

    private static LocalDate bound(QuestionDefinition d, String key, Object written) {
        if (written == null) {
            return null;
        }
        LocalDate date = written instanceof String s ? parse(s) : null;
        if (date == null) {
            d.error("date question '" + d.id() + "' has " + key + " '" + written + "'; write a date as YYYY-MM-DD");
        }
        return date;
    }

    /** The date, or null if the text is not a real date written YYYY-MM-DD. */
    static LocalDate parse(String text) {
        if (!SHAPE.matcher(text).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(text, ISO);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Checked check(String id, JsonNode given) {
        LocalDate date = given.isTextual() ? parse(given.textValue()) : null;
        if (date == null) {
            return Checked.fail(id, "wrong_type", "expected a date written YYYY-MM-DD, got " + quoted(given));
        }
        if ((min != null && date.isBefore(min)) || (max != null && date.isAfter(max))) {
            return Checked.fail(id, "out_of_range", InputError.quoted(given.textValue()) + " is outside the allowed range " + range());
        }
        return Checked.ok(date.toString());
    }

    /** "2024-01-01 to 2030-12-31"; an open end is "any date". */
    private String range() {
        return (min == null ? "any date" : min) + " to " + (max == null ? "any date" : max);
    }

    @Override
    public boolean fits(Object value) {
        return value instanceof String s && parse(s) != null;
    }

    @Override
    public void describe(ObjectNode question) {
        if (min != null) {
            question.put("min", min.toString());
        }
        if (max != null) {
            question.put("max", max.toString());
        }
    }

    /** The bounds, or a fixed date where there is none: samples must not depend on today. */
    @Override
    public List<JsonNode> samples() {
        List<JsonNode> samples = new ArrayList<>();
        samples.add(JsonNodeFactory.instance.textNode((min == null ? LocalDate.of(2000, 1, 1) : min).toString()));
        if (max != null && !max.equals(min)) {
            samples.add(JsonNodeFactory.instance.textNode(max.toString()));
        }
        return samples;
    }

    @Override
    public FormField field() {
        String hint = min == null && max == null ? null : "a date from " + range();
        return new FormField("questions/date", List.of(), "date", null,
                min == null ? null : min.toString(), max == null ? null : max.toString(), hint);
    }
}

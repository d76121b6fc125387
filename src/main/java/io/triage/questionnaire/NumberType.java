package io.triage.questionnaire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.NumberLimits;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code type: number}: a number within {@code [min, max]}, whole if {@code integer: true}. The
 * fact value is the BigDecimal with trailing zeros stripped. The form takes what people write:
 * "1,000,000", "1 000 000", "12.5".
 */
public final class NumberType extends QuestionType {

    public static final String NAME = "number";
    private static final Pattern DIGITS = Pattern.compile("[-+]?[0-9][0-9.eE+-]*");

    private final BigDecimal min;
    private final BigDecimal max;
    private final boolean integer;

    public NumberType(BigDecimal min, BigDecimal max, boolean integer) {
        this.min = min;
        this.max = max;
        this.integer = integer;
    }

    static NumberType define(QuestionDefinition d) {
        d.takes("min", "max", "integer");
        BigDecimal min = QuestionDefinition.number(d.min());
        BigDecimal max = QuestionDefinition.number(d.max());
        if (min == null || max == null) {
            d.error("number question '" + d.id() + "' needs 'min' and 'max'");
            return null;
        }
        if (min.compareTo(max) > 0) {
            d.error("question '" + d.id() + "' has min " + min + " above max " + max);
            return null;
        }
        return new NumberType(min, max, Boolean.TRUE.equals(d.integer()));
    }

    @Override
    public String name() {
        return NAME;
    }

    public BigDecimal min() {
        return min;
    }

    public BigDecimal max() {
        return max;
    }

    public boolean integer() {
        return integer;
    }

    @Override
    public Checked check(String id, JsonNode given) {
        if (!given.isNumber()) {
            if (given.isTextual() && NumberLimits.tooLong(given.textValue()) && DIGITS.matcher(given.textValue()).matches()) {
                // the web form passes on digits too long to parse as text
                return Checked.fail(id, "too_many_digits", NumberLimits.tooLongMessage(given.textValue().length()));
            }
            return Checked.fail(id, "wrong_type", "expected a number, got " + quoted(given));
        }
        BigDecimal value = given.decimalValue();
        // INVARIANT: digits and scale are checked before anything formats or compares the value
        String tooLarge = NumberLimits.problem(value);
        if (tooLarge != null) {
            return Checked.fail(id, "too_many_digits", tooLarge);
        }
        String shown = plain(value);
        if (integer && value.stripTrailingZeros().scale() > 0) {
            return Checked.fail(id, "not_an_integer", "'" + shown + "' is not a whole number");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            return Checked.fail(id, "out_of_range", "'" + shown + "' is outside the allowed range "
                    + plain(min) + " to " + plain(max));
        }
        return Checked.ok(normalize(value));
    }

    @Override
    public boolean fits(Object value) {
        return value instanceof BigDecimal;
    }

    @Override
    public void describe(ObjectNode question) {
        question.put("min", min);
        question.put("max", max);
        question.put("integer", integer);
    }

    @Override
    public String shown(Object value) {
        return value instanceof BigDecimal n ? n.stripTrailingZeros().toPlainString() : String.valueOf(value);
    }

    /** A number if the text reads as one ("1,000,000", "1 000 000"); otherwise the text, for the validator to name. */
    @Override
    public JsonNode fromForm(String text) {
        BigDecimal number = NumberLimits.parse(text.replace(",", "").replace(" ", "").replace("_", ""));
        return number == null ? JsonNodeFactory.instance.textNode(text) : JsonNodeFactory.instance.numberNode(number);
    }

    @Override
    public String formText(JsonNode answer) {
        return answer.isNumber() ? answer.decimalValue().toPlainString() : answer.asText();
    }

    @Override
    public FormField field() {
        String hint = (integer ? "a whole number from " : "a number from ") + NumberLimits.readable(min)
                + " to " + NumberLimits.readable(max);
        return new FormField("questions/number", List.of(), "text", "decimal", null, null, hint);
    }

    private static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String plain(BigDecimal value) {
        return normalize(value).toPlainString();
    }
}

package io.triage.questionnaire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.InputError;
import io.triage.common.NumberLimits;

import java.math.BigDecimal;
import java.util.List;

/**
 * One kind of question, and everything that differs between kinds: its definition in the
 * questionnaire file, how an answer is checked and becomes a fact value, how that value is written
 * as JSON, how a form field reads and shows it. Each kind is one subclass, named in
 * {@link QuestionTypes}; nothing else in Triage asks which kind a question is, except code about
 * numbers alone (thresholds, cost, ranges), which asks for a {@link NumberType}.
 *
 * <p>An instance holds one question's definition (its choices, its range), so the checks need no
 * other argument.
 *
 * <p>INVARIANT: a fact value is a String, Boolean or BigDecimal, and {@link #json} writes it as the
 * JSON scalar of the same kind. The fact model, the trace, the hash chain and replay rest on these
 * three; a new kind maps its values onto them (a date is its ISO text).
 */
public abstract class QuestionType {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** An answer checked against a question: the fact value, or an error, never both. */
    public record Checked(Object value, InputError error) {

        static Checked ok(Object value) {
            return new Checked(value, null);
        }

        static Checked fail(String questionId, String code, String message) {
            return new Checked(null, InputError.field(questionId, code, message));
        }
    }

    /** The name a questionnaire file gives this kind: {@code type: <name>}. */
    public abstract String name();

    /** Checks an answer given as JSON (API body, form, golden case, stored decision, default). */
    public abstract Checked check(String questionId, JsonNode given);

    /** Whether a fact value read from elsewhere (an invariants file) is an answer of this kind. */
    public abstract boolean fits(Object value);

    /** Adds this kind's own part of the definition (choices, range) to {@code GET /api/questionnaire}. */
    public void describe(ObjectNode question) {
    }

    /** The JSON form of a fact value: what a decision record stores and the hash covers. */
    public JsonNode json(Object value) {
        return scalar(value);
    }

    /** A fact value as the JSON scalar of its kind (see the invariant above). */
    static JsonNode scalar(Object value) {
        if (value instanceof String s) {
            return JSON.textNode(s);
        } else if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        } else if (value instanceof BigDecimal n) {
            return JSON.numberNode(n);
        }
        throw new IllegalArgumentException("unsupported value " + value);
    }

    /** Every value a question of this kind can take, when they are few (choices, yes/no); else empty. */
    public List<Object> alternatives() {
        return List.of();
    }

    /** Answers worth trying when sampling answers for checks: by default, every alternative. */
    public List<JsonNode> samples() {
        return alternatives().stream().map(this::json).toList();
    }

    /** A fact value as a person reads it in a form or an explanation (a choice's label). */
    public String shown(Object value) {
        return String.valueOf(value);
    }

    /**
     * What a form field sent (trimmed, not blank) as the JSON answer the validator judges. By
     * default the text itself; a kind that reads text differently (numbers, yes/no) says how.
     */
    public JsonNode fromForm(String text) {
        return JSON.textNode(text);
    }

    /** A JSON answer as the text a form field holds, to fill a form with stored answers. */
    public String formText(JsonNode answer) {
        return answer.asText();
    }

    /** The form field: which template fragment draws it and what it needs. */
    public abstract FormField field();

    /** How a rejected value is quoted back to the user, without naming Java types. */
    static String quoted(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return InputError.quoted(node.textValue());
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNumber()) {
            return "'" + NumberLimits.shown(node.decimalValue()) + "'";
        }
        return "'" + node + "'";
    }
}

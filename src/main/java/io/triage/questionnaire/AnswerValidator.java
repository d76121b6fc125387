package io.triage.questionnaire;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.common.NumberLimits;
import io.triage.facts.Answer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks answers against the questionnaire and applies defaults. Reports every offending question
 * at once; on any error nothing is evaluated. The API, the web form, golden cases and replay all
 * go through here, so a value is accepted or refused the same way everywhere.
 */
public final class AnswerValidator {

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[-+]?[0-9][0-9.eE+-]*");

    record Checked(Object value, InputError error) {
    }

    private AnswerValidator() {
    }

    /**
     * @param answers a JSON object of question id to answer; JSON null counts as unanswered
     * @throws InvalidInputException naming every offending question
     */
    public static EffectiveAnswers validate(Questionnaire questionnaire, JsonNode answers) {
        List<InputError> errors = new ArrayList<>();
        if (answers == null || !answers.isObject()) {
            throw new InvalidInputException("invalid answers", List.of(InputError.field("answers", "not_an_object",
                    "expected an object of question id to answer, got " + describe(answers))));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = answers.fields(); it.hasNext(); ) {
            String id = it.next().getKey();
            if (questionnaire.question(id).isEmpty()) {
                errors.add(InputError.field(id, "unknown_question", "unknown question " + InputError.quoted(id)));
            }
        }
        List<Answer> facts = new ArrayList<>();
        for (Question question : questionnaire.questions()) {
            JsonNode given = answers.get(question.id());
            if (given == null || given.isNull()) {
                if (question.hasDefault()) {
                    facts.add(new Answer(question.id(), question.defaultValue(), true));
                } else if (question.required()) {
                    errors.add(InputError.field(question.id(), "required", "an answer is required"));
                }
                continue;
            }
            Checked checked = check(question, given);
            if (checked.error() != null) {
                errors.add(checked.error());
            } else {
                facts.add(new Answer(question.id(), checked.value(), false));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid answers", errors);
        }
        return new EffectiveAnswers(questionnaire.version(), facts);
    }

    /** Checks one value against one question; a value or an error, never both. */
    static Checked check(Question question, JsonNode given) {
        String id = question.id();
        return switch (question.type()) {
            case CHOICE -> {
                if (!given.isTextual()) {
                    yield fail(id, "wrong_type", "expected one of " + String.join(", ", question.choiceValues())
                            + ", got " + describe(given));
                }
                if (!question.choiceValues().contains(given.textValue())) {
                    yield fail(id, "not_a_choice", InputError.quoted(given.textValue()) + " is not one of: "
                            + String.join(", ", question.choiceValues()));
                }
                yield new Checked(given.textValue(), null);
            }
            case YES_NO -> given.isBoolean()
                    ? new Checked(given.booleanValue(), null)
                    : fail(id, "wrong_type", "expected true or false, got " + describe(given));
            case NUMBER -> {
                if (!given.isNumber()) {
                    if (given.isTextual() && NumberLimits.tooLong(given.textValue()) && DIGITS.matcher(given.textValue()).matches()) {
                        // the web form passes on digits too long to parse as text
                        yield fail(id, "too_many_digits", NumberLimits.tooLongMessage(given.textValue().length()));
                    }
                    yield fail(id, "wrong_type", "expected a number, got " + describe(given));
                }
                BigDecimal value = given.decimalValue();
                // INVARIANT: digits and scale are checked before anything formats or compares the value
                String tooLarge = NumberLimits.problem(value);
                if (tooLarge != null) {
                    yield fail(id, "too_many_digits", tooLarge);
                }
                String shown = plain(value);
                if (question.integer() && value.stripTrailingZeros().scale() > 0) {
                    yield fail(id, "not_an_integer", "'" + shown + "' is not a whole number");
                }
                if (value.compareTo(question.min()) < 0 || value.compareTo(question.max()) > 0) {
                    yield fail(id, "out_of_range", "'" + shown + "' is outside the allowed range "
                            + plain(question.min()) + " to " + plain(question.max()));
                }
                yield new Checked(normalize(value), null);
            }
        };
    }

    private static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String plain(BigDecimal value) {
        return normalize(value).toPlainString();
    }

    private static Checked fail(String id, String code, String message) {
        return new Checked(null, InputError.field(id, code, message));
    }

    /** How a rejected value is quoted back to the user, without naming Java types. */
    static String describe(JsonNode node) {
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

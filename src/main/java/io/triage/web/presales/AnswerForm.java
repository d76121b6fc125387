package io.triage.web.presales;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.NumberLimits;
import io.triage.questionnaire.Question;
import io.triage.questionnaire.Questionnaire;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a person typed into the questionnaire form, turned into the same JSON answers the API
 * takes, so the one validator judges both. Empty fields stay unanswered; a number field that does
 * not read as a number is passed on as text, for the validator to name.
 */
public final class AnswerForm {

    private AnswerForm() {
    }

    /** The raw values by question id, as typed (kept to show the form again). */
    public static Map<String, String> raw(Questionnaire questionnaire, Map<String, java.util.List<String>> form) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (Question q : questionnaire.questions()) {
            java.util.List<String> values = form.get(q.id());
            if (values != null && !values.isEmpty() && values.get(0) != null && !values.get(0).isBlank()) {
                raw.put(q.id(), values.get(0).trim());
            }
        }
        return raw;
    }

    public static ObjectNode answers(Questionnaire questionnaire, Map<String, String> raw) {
        ObjectNode answers = JsonNodeFactory.instance.objectNode();
        for (Question q : questionnaire.questions()) {
            String value = raw.get(q.id());
            if (value == null) {
                continue;
            }
            switch (q.type()) {
                case YES_NO -> {
                    if (value.equals("yes") || value.equals("no")) {
                        answers.put(q.id(), value.equals("yes"));
                    } else {
                        answers.put(q.id(), value);
                    }
                }
                case NUMBER -> {
                    BigDecimal number = number(value);
                    if (number == null) {
                        answers.put(q.id(), value);
                    } else {
                        answers.put(q.id(), number);
                    }
                }
                default -> answers.put(q.id(), value);
            }
        }
        return answers;
    }

    /**
     * Accepts what people write: "1,000,000", "1 000 000", "12.5". Text too long to be a number
     * Triage takes is not parsed at all; the validator names it as text that is not a number.
     */
    private static BigDecimal number(String value) {
        return NumberLimits.parse(value.replace(",", "").replace(" ", "").replace("_", ""));
    }
}

package io.triage.web.presales;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.questionnaire.Question;
import io.triage.questionnaire.Questionnaire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a person typed into the questionnaire form, turned into the same JSON answers the API
 * takes, so the one validator judges both. Empty fields stay unanswered; each question's type reads
 * its field (a number field that does not read as a number is passed on as text, for the validator
 * to name).
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

    /** JSON answers (a stored decision's) as the form shows them, by question id: yes/no, numbers as written. */
    public static Map<String, String> raw(Questionnaire questionnaire, JsonNode answers) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (Question q : questionnaire.questions()) {
            JsonNode answer = answers.get(q.id());
            if (answer != null && !answer.isNull()) {
                raw.put(q.id(), q.type().formText(answer));
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
            answers.set(q.id(), q.type().fromForm(value));
        }
        return answers;
    }
}

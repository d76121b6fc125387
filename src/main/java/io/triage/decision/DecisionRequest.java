package io.triage.decision;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.common.StrictJson;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Reads the body of {@code POST /api/decisions}: exactly {@code {"answers": {...}}}. */
public final class DecisionRequest {

    private DecisionRequest() {
    }

    /** The answers object, or an {@link InvalidInputException} saying what is wrong with the body. */
    public static JsonNode answers(String body) {
        JsonNode root = StrictJson.object(body, "{\"answers\": {\"task_type\": \"classification\"}}");
        List<InputError> errors = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("answers")) {
                errors.add(InputError.field(field, "unknown_field", "unknown field '" + field + "'; answers go inside 'answers'"));
            }
        }
        JsonNode answers = root.get("answers");
        if (answers == null) {
            errors.add(InputError.field("answers", "required", "the body needs 'answers', an object of question id to answer"));
        } else if (!answers.isObject()) {
            errors.add(InputError.field("answers", "not_an_object", "'answers' must be an object of question id to answer"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid request", errors);
        }
        return answers;
    }
}

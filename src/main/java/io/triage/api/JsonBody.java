package io.triage.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.common.StrictJson;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Small JSON bodies of known fields (the account endpoints): read strictly, no field unknown, text where text is due. */
final class JsonBody {

    private final JsonNode json;

    private JsonBody(JsonNode json) {
        this.json = json;
    }

    /** The body as an object holding no field but {@code allowed}; every unknown field is named. */
    static JsonBody of(String body, List<String> allowed) {
        JsonNode json = StrictJson.object(body, "{" + String.join(", ", allowed.stream().map(f -> "\"" + f + "\": ...").toList()) + "}");
        List<InputError> errors = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!Set.copyOf(allowed).contains(field)) {
                errors.add(InputError.field(field, "unknown_field", "unknown field " + InputError.quoted(field)
                        + "; allowed: " + String.join(", ", allowed)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid request", errors);
        }
        return new JsonBody(json);
    }

    /** A text field, null when absent or null; a number, list or object where text is due is refused. */
    String text(String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException("invalid request", List.of(InputError.field(field, "wrong_type",
                    "'" + field + "' must be text")));
        }
        return value.textValue();
    }

    /** A list of texts, empty when absent. */
    List<String> texts(String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidInputException("invalid request", List.of(InputError.field(field, "wrong_type",
                    "'" + field + "' must be a list of texts")));
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new InvalidInputException("invalid request", List.of(InputError.field(field, "wrong_type",
                        "'" + field + "' must be a list of texts")));
            }
            texts.add(item.textValue());
        }
        return texts;
    }
}

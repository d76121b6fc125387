package io.triage.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.common.StrictJson;
import io.triage.policy.ChangeNote;

import java.util.Iterator;
import java.util.List;

/** The optional body of an activation, {@code {"note": "<why now>"}}; no body (or {@code {}}) means no note. */
final class ActivationBody {

    private ActivationBody() {
    }

    static String note(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode root = StrictJson.object(body, "{\"note\": \"<why this version is activated>\"} or no body");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("note")) {
                throw invalid(field, "unknown field '" + field + "'; an activation takes only 'note'");
            }
        }
        JsonNode note = root.path("note");
        if (note.isMissingNode() || note.isNull()) {
            return null;
        }
        if (!note.isTextual()) {
            throw invalid("note", "the note must be a string");
        }
        return ChangeNote.clean(note.textValue());
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException("invalid activation", List.of(InputError.field(field, "invalid_body", message)));
    }
}

package io.triage.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.common.StrictJson;
import io.triage.policy.ChangeNote;
import io.triage.rules.RuleSetFiles;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an upload, {@code {"files": {"<name>": "<content>", ...}, "note": "<why>"}}: the files it
 * adds or replaces ("" removes one) and, optionally, the submitter's note on why it changes the
 * policy. Names may carry their folder ({@code rules/x.drl}, {@code test-cases/y.yaml})
 * or be bare: {@code x.drl}, {@code questionnaire.yaml} and {@code recommendations.yaml} go to
 * rules/, any other {@code .yaml} is a golden case.
 */
final class RuleSetUpload {

    /** What an upload asks for: the file changes, and the note (null if none). */
    record Upload(Map<String, String> changes, String note) {
    }

    private RuleSetUpload() {
    }

    static Upload read(String body) {
        JsonNode root = StrictJson.object(body, "{\"files\": {\"rules/example.drl\": \"<source>\"}, \"note\": \"<why>\"}");
        if (!root.path("files").isObject()) {
            throw new InvalidInputException("invalid upload", List.of(InputError.field("files", "required",
                    "expected {\"files\": {\"rules/example.drl\": \"<source>\", ...}}")));
        }
        List<InputError> errors = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("files") && !field.equals("note")) {
                errors.add(InputError.field(field, "unknown_field", "unknown field '" + field + "'; the upload holds 'files' and 'note'"));
            }
        }
        String note = null;
        JsonNode noteNode = root.path("note");
        if (!noteNode.isMissingNode() && !noteNode.isNull()) {
            if (!noteNode.isTextual()) {
                errors.add(InputError.field("note", "not_text", "the note must be a string"));
            } else {
                try {
                    note = ChangeNote.clean(noteNode.textValue());
                } catch (InvalidInputException e) {
                    errors.addAll(e.errors());
                }
            }
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                errors.add(InputError.file(e.getKey(), "not_text", "the content must be a string (\"\" removes the file)"));
            } else {
                changes.put(RuleSetFiles.pathOf(e.getKey()), e.getValue().textValue());
            }
        }
        if (changes.isEmpty() && errors.isEmpty()) {
            errors.add(InputError.field("files", "empty", "the upload names no file"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid upload", errors);
        }
        return new Upload(changes, note);
    }
}

package io.triage.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.common.StrictJson;

import java.util.List;

/** The body of a try: {@code {"answers": {...}}} or {@code {"decision": "<id>"}}, exactly one of them. */
final class TryRequest {

    private TryRequest() {
    }

    static JsonNode read(String body) {
        JsonNode root = StrictJson.object(body, "{\"answers\": {\"<question id>\": value, ...}} or {\"decision\": \"<decision id>\"}");
        boolean answers = root.path("answers").isObject();
        boolean decision = root.path("decision").isTextual();
        if (answers == decision || root.size() != 1) {
            throw new InvalidInputException("invalid try", List.of(InputError.field("answers", "required",
                    "expected {\"answers\": {\"<question id>\": value, ...}} or {\"decision\": \"<decision id>\"}")));
        }
        return root;
    }
}

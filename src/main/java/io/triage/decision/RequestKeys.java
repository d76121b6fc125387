package io.triage.decision;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.history.RequestKey;
import io.triage.json.CanonicalJson;
import io.triage.json.Sha256;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Idempotency keys of decision requests (the API's {@code Idempotency-Key} header, the form's
 * hidden field): a request sent again with its key gets the decision stored the first time. The
 * answers are hashed in canonical form, so the same answers written differently are the same request.
 */
public final class RequestKeys {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private RequestKeys() {
    }

    /**
     * @param field where the key came from, named in a refusal
     * @return the key and the request's hash, or null when no key was given
     */
    public static RequestKey of(String field, String key, JsonNode answers) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        String trimmed = key.strip();
        if (!KEY.matcher(trimmed).matches()) {
            throw new InvalidInputException("invalid request", List.of(InputError.field(field, "invalid_idempotency_key",
                    "an idempotency key is 1 to 200 letters, digits, '.', '_', ':' or '-', such as a UUID")));
        }
        return new RequestKey(trimmed, Sha256.of(CanonicalJson.bytes(answers)));
    }
}

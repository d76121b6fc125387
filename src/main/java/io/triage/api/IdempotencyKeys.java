package io.triage.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.json.CanonicalJson;
import io.triage.json.Sha256;
import io.triage.store.RequestKey;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header: a client that did not learn what became of a
 * decision sends the same request again with the same key and gets the decision stored the first
 * time. A key belongs to the user who sent it; the answers are hashed in canonical form, so the
 * same answers written differently are the same request.
 */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    /** Set on an answer that is the decision an earlier request with the same key stored. */
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private IdempotencyKeys() {
    }

    /** The request's key and hash, or null without a key; a malformed key is a 400 naming the header. */
    static RequestKey of(String header, JsonNode answers) {
        if (header == null) {
            return null;
        }
        String key = header.strip();
        if (!KEY.matcher(key).matches()) {
            throw new InvalidInputException("invalid request", List.of(InputError.field(HEADER, "invalid_idempotency_key",
                    "an Idempotency-Key is 1 to 200 letters, digits, '.', '_', ':' or '-', such as a UUID")));
        }
        return new RequestKey(key, Sha256.of(CanonicalJson.bytes(answers)));
    }
}

package io.triage.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.StoreUnavailableException;
import io.triage.history.StoredDecision;
import io.triage.json.CanonicalJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a replay needs from a stored record: the fields the replayed record is written with and the
 * answers the buyer gave. Read in one streaming pass that skips the recommendations and the trace,
 * which are most of the record; only a replay that does not match reads the whole tree, to say
 * what differs.
 *
 * @param canonical    the stored record as read
 * @param givenAnswers the stored effective answers without the defaults that were applied
 */
public record ReplayInput(byte[] canonical, String id, String createdAt, String submittedBy, String questionnaireVersion,
                          String rulesetVersion, ObjectNode givenAnswers) {

    /**
     * A stored decision's replay input. A record that decompresses but is not a decision was damaged
     * in the store, as one that does not decompress: {@link StoreUnavailableException}, not a bug.
     */
    public static ReplayInput of(StoredDecision stored) {
        try {
            return read(stored.requireRecord().getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new StoreUnavailableException("the stored record of decision " + stored.id() + " is damaged: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException the bytes are not a JSON object with an {@code answers} object */
    public static ReplayInput read(byte[] record) {
        String id = "";
        String createdAt = "";
        String submittedBy = "";
        String questionnaireVersion = "";
        String rulesetVersion = "";
        ObjectNode answers = null;
        Set<String> defaults = new HashSet<>();
        try (JsonParser p = CanonicalJson.MAPPER.createParser(record)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a stored record is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = text(p);
                    case "createdAt" -> createdAt = text(p);
                    case "submittedBy" -> submittedBy = text(p);
                    case "questionnaireVersion" -> questionnaireVersion = text(p);
                    case "rulesetVersion" -> rulesetVersion = text(p);
                    case "answers" -> {
                        JsonNode tree = p.readValueAsTree();
                        answers = tree instanceof ObjectNode o ? o : null;
                    }
                    case "defaultsApplied" -> readStrings(p, defaults::add);
                    default -> {
                        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                            p.skipChildren();
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("a stored record is not valid JSON: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (answers == null) {
            throw new IllegalArgumentException("a stored record has no answers object");
        }
        defaults.forEach(answers::remove);
        return new ReplayInput(record, id, createdAt, submittedBy, questionnaireVersion, rulesetVersion, answers);
    }

    /** A scalar's text as {@link JsonNode#asText()} gives it; a container counts as empty. */
    private static String text(JsonParser p) throws IOException {
        if (p.currentToken().isStructStart()) {
            p.skipChildren();
            return "";
        }
        return p.currentToken() == JsonToken.VALUE_NULL ? "null" : p.getText();
    }

    private static void readStrings(JsonParser p, Consumer<String> each) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            each.accept(text(p));
        }
    }
}

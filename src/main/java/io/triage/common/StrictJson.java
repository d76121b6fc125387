package io.triage.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;

/**
 * The one reader for every JSON body Triage accepts. Strict: one value and nothing after it, no
 * key twice in an object, nested at most {@value StrictParser#MAX_DEPTH} deep, numbers within
 * {@link NumberLimits}; anything else is an {@link InvalidInputException} naming the problem, its
 * line and column and, where there is one, the key. Numbers are kept exact, as
 * {@link io.triage.json.CanonicalJson} reads them.
 */
public final class StrictJson {

    private static final int MAX_MESSAGE = 200;
    private static final ObjectMapper MAPPER = JsonMapper.builder(
                    JsonFactory.builder().streamReadConstraints(StrictParser.CONSTRAINTS).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private StrictJson() {
    }

    /** The tokenizer's limits (depth, number and key length), for other JSON readers to share. */
    public static StreamReadConstraints constraints() {
        return StrictParser.CONSTRAINTS;
    }

    /** Any single JSON value; an empty body is refused. */
    public static JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            throw invalid(InputError.field("body", "empty", "the body is empty; expected json"));
        }
        try (JsonParser parser = new StrictParser(MAPPER.createParser(body))) {
            JsonNode root = MAPPER.readTree(parser);
            JsonLocation end = parser.currentLocation();
            boolean more;
            try {
                more = parser.nextToken() != null;
            } catch (JsonProcessingException garbage) {
                more = true;
            }
            if (more) {
                throw invalid(at("body", "trailing_content", "there is more after the json value", end));
            }
            return root;
        } catch (StrictParser.Refusal e) {
            String message = e.code().equals("too_deep") ? "the json is " + e.getOriginalMessage() : e.getOriginalMessage();
            throw invalid(at(e.field() == null ? "body" : e.field(), e.code(), message, e.getLocation()));
        } catch (JsonProcessingException e) {
            throw invalid(at("body", "not_json", "the body is not valid json: " + oneLine(e.getOriginalMessage()), e.getLocation()));
        } catch (IOException e) {
            throw invalid(InputError.field("body", "not_json", "the body could not be read"));
        }
    }

    /** A JSON object; anything else is refused with {@code expected} as the hint. */
    public static ObjectNode object(String body, String expected) {
        JsonNode root = read(body);
        if (!root.isObject()) {
            throw invalid(InputError.field("body", "not_an_object", "expected a json object like " + expected));
        }
        return (ObjectNode) root;
    }

    private static InputError at(String field, String code, String message, JsonLocation location) {
        Integer line = location == null || location.getLineNr() < 1 ? null : location.getLineNr();
        Integer column = location == null || location.getColumnNr() < 1 ? null : location.getColumnNr();
        return new InputError(code, shorten(field), null, line, column, message);
    }

    private static InvalidInputException invalid(InputError error) {
        return new InvalidInputException("invalid request", List.of(error));
    }

    /** First line, lower-case start, no Java type names, bounded: Jackson quotes input in its messages. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable";
        }
        String first = message.strip().split("\\R", 2)[0]
                .replaceAll("`[a-zA-Z0-9_.$]+\\.([A-Za-z0-9_$]+)`", "$1")
                .replaceAll(" \\(from `?StreamReadConstraints[^)]*\\)", "");
        first = Character.toLowerCase(first.charAt(0)) + first.substring(1);
        return shorten(first);
    }

    private static String shorten(String s) {
        return s == null || s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "…";
    }
}

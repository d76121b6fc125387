package io.triage.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML document read once into a tree that remembers where each of its parts was written: the
 * line and column of every value and of every mapping key, by JSON pointer ({@code /sections/0/id}).
 * So a finding about a part of the tree (a schema violation) can name the place in the file.
 */
final class YamlLocations {

    /** 1-based, as editors and compilers count. */
    record At(int line, int column) {
    }

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final JsonNode tree;
    private final Map<String, At> values = new HashMap<>();
    private final Map<String, At> keys = new HashMap<>();

    private YamlLocations(String content) throws IOException {
        try (JsonParser parser = YAML.createParser(content)) {
            JsonToken first = parser.nextToken();
            this.tree = first == null ? null : read(parser, "");
        }
    }

    /** The document, or empty if it is not YAML at all (the strict reader reports that, with its place). */
    static Optional<YamlLocations> parse(String content) {
        try {
            YamlLocations read = new YamlLocations(content);
            return read.tree == null ? Optional.empty() : Optional.of(read);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    JsonNode tree() {
        return tree;
    }

    /** Where the value at {@code pointer} starts, or the nearest enclosing part that has a place. */
    At valueAt(String pointer) {
        for (String p = pointer; ; p = parent(p)) {
            At at = values.get(p);
            if (at != null || p.isEmpty()) {
                return at == null ? new At(1, 1) : at;
            }
        }
    }

    /** Where the key {@code name} of the mapping at {@code pointer} is written, else where the mapping is. */
    At keyAt(String pointer, String name) {
        At at = keys.get(pointer + "/" + escape(name));
        return at != null ? at : valueAt(pointer);
    }

    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    private JsonNode read(JsonParser parser, String pointer) throws IOException {
        values.put(pointer, at(parser.currentTokenLocation()));
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = pointer + "/" + escape(name);
                    keys.put(child, at(parser.currentTokenLocation()));
                    parser.nextToken();
                    object.set(name, read(parser, child));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser, pointer + "/" + index++));
                }
                return array;
            }
            case VALUE_STRING -> {
                return JsonNodeFactory.instance.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return JsonNodeFactory.instance.numberNode(parser.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return JsonNodeFactory.instance.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return JsonNodeFactory.instance.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return JsonNodeFactory.instance.nullNode();
            }
            default -> {
                return JsonNodeFactory.instance.textNode(parser.getText());
            }
        }
    }

    private static At at(JsonLocation location) {
        return new At(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }
}

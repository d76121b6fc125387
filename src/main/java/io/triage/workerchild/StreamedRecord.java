package io.triage.workerchild;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One streamed input line of a replay, {@code {"id": "...", "record": {...}}}: the record is taken
 * as the exact bytes the service sent, which a replay compares with, without building a tree of
 * it or decoding it out of a string. The record is embedded raw, so the line is read strictly: a
 * record that closes early cannot smuggle in a second id, a second record or the end of the stream.
 */
record StreamedRecord(String id, byte[] record) {

    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The line that ends the stream. */
    static boolean isEnd(String line) {
        return line.equals("{\"end\":true}");
    }

    /** @throws IllegalArgumentException the line is not exactly such an object */
    static StreamedRecord parse(String line) {
        String id = null;
        byte[] record = null;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("an input line is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new IllegalArgumentException("an input line's id is not a string");
                        }
                        id = p.getText();
                    }
                    case "record" -> {
                        if (value != JsonToken.START_OBJECT) {
                            throw new IllegalArgumentException("an input line's record is not a JSON object");
                        }
                        int start = (int) p.currentTokenLocation().getCharOffset();
                        p.skipChildren();
                        int after = (int) p.currentTokenLocation().getCharOffset() + 1;
                        record = line.substring(start, after).getBytes(StandardCharsets.UTF_8);
                    }
                    default -> throw new IllegalArgumentException("an input line has a field '" + shorten(field)
                            + "' beside its id and record");
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("an input line goes on after its object");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("an input line is not JSON", e);
        }
        if (id == null || record == null) {
            throw new IllegalArgumentException("an input line has no id or no record");
        }
        return new StreamedRecord(id, record);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}

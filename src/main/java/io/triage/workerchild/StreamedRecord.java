package io.triage.workerchild;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One streamed input line of a replay, {@code {"id": "...", "record": {...}}}: the record is taken
 * as the exact bytes the service sent, which a replay compares with, without building a tree of
 * it or decoding it out of a string.
 */
record StreamedRecord(String id, byte[] record) {

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * @return null for the end of the stream, {@code {"end": true}}
     * @throws IllegalArgumentException the line is not such an object
     */
    static StreamedRecord parse(String line) {
        String id = null;
        byte[] record = null;
        boolean end = false;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("an input line is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = p.getText();
                    case "end" -> end = value == JsonToken.VALUE_TRUE;
                    case "record" -> {
                        int start = (int) p.currentTokenLocation().getCharOffset();
                        p.skipChildren();
                        int after = (int) p.currentTokenLocation().getCharOffset() + 1;
                        record = line.substring(start, after).getBytes(StandardCharsets.UTF_8);
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("an input line is not JSON", e);
        }
        if (end) {
            return null;
        }
        if (id == null || record == null) {
            throw new IllegalArgumentException("an input line has no id or no record");
        }
        return new StreamedRecord(id, record);
    }
}

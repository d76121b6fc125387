package io.triage.common;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the YAML files policy owners edit (questionnaire, recommendation texts, golden cases)
 * strictly: unknown keys, missing primitives, duplicate keys, nesting deeper than 32 and numbers
 * outside {@link NumberLimits} are errors with file, line and column, because a typo silently
 * ignored is a policy silently changed.
 */
public final class StrictYaml {

    private static final YAMLMapper MAPPER = YAMLMapper.builder(
                    YAMLFactory.builder().streamReadConstraints(StrictParser.CONSTRAINTS).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictYaml() {
    }

    /** The parsed document, or an {@link InvalidInputException} naming file, line and column. */
    public static <T> T read(String file, String content, Class<T> type) {
        try (StrictParser parser = new StrictParser(MAPPER.createParser(content))) {
            T value = MAPPER.readValue(parser, type);
            if (value == null) {
                throw new InvalidInputException("invalid file", java.util.List.of(
                        InputError.file(file, "empty_file", "the file is empty")));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("invalid file", java.util.List.of(toError(file, content, e)));
        } catch (java.io.IOException e) {
            throw new InvalidInputException("invalid file", java.util.List.of(
                    InputError.file(file, "invalid_yaml", "the file could not be read")));
        }
    }

    private static InputError toError(String file, String content, JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StrictParser.Refusal refusal) {
                // a bean deserializer may have wrapped it; its own place and words are the precise ones
                JsonLocation at = refusal.getLocation();
                return InputError.file(file, at == null || at.getLineNr() < 1 ? null : at.getLineNr(),
                        at == null || at.getColumnNr() < 1 ? null : at.getColumnNr(), refusal.code(), refusal.getOriginalMessage());
            }
        }
        JsonLocation at = e.getLocation();
        Integer line = at == null || at.getLineNr() < 1 ? null : at.getLineNr();
        Integer column = at == null || at.getColumnNr() < 1 ? null : at.getColumnNr();
        if (e instanceof UnrecognizedPropertyException u) {
            // Jackson reports where it stopped reading (often the next line); point at the key itself.
            int[] key = lastKeyAtOrBefore(content, u.getPropertyName(), line == null ? Integer.MAX_VALUE : line);
            if (key != null) {
                line = key[0];
                column = key[1];
            }
            return InputError.file(file, line, column, "invalid_yaml",
                    "unknown key '" + u.getPropertyName() + "'; allowed: " + u.getKnownPropertyIds());
        }
        return InputError.file(file, line, column, "invalid_yaml", oneLine(e.getOriginalMessage()));
    }

    private static int[] lastKeyAtOrBefore(String content, String key, int line) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(
                "^(\\s*(?:-\\s+)?)" + java.util.regex.Pattern.quote(key) + "\\s*:");
        String[] lines = content.split("\\R", -1);
        for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
            java.util.regex.Matcher m = pattern.matcher(lines[i]);
            if (m.find()) {
                return new int[] {i + 1, m.group(1).length() + 1};
            }
        }
        return null;
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "not valid yaml";
        }
        String first = message.strip().split("\\R", 2)[0];
        // Jackson names Java types in some messages; keep what a policy owner can act on.
        first = first.replaceAll("`[a-zA-Z0-9_.$]+\\.([A-Za-z0-9_$]+)`", "$1");
        return Character.toLowerCase(first.charAt(0)) + first.substring(1);
    }
}

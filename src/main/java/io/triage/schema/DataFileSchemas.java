package io.triage.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.triage.common.InputError;
import io.triage.rules.RuleSetFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of the data files policy owners edit, and the check of a rule set against them.
 * The schemas ship in {@code src/main/resources/schemas/}, are served at {@code /schemas/<name>}
 * for editors, and are named in each file's first line ({@code # yaml-language-server: $schema=...});
 * the check here does not rely on that line: it picks the schema by the file's path. Every
 * violation is an error with the file, line and column of the part at fault, like every other
 * finding of the validation report. The strict readers (questionnaire, texts, golden cases) still
 * run after this and check what a schema cannot say (unique ids, defaults that fit their question).
 */
public final class DataFileSchemas {

    public static final String QUESTIONNAIRE = "questionnaire.schema.json";
    public static final String RECOMMENDATIONS = "recommendations.schema.json";
    public static final String GOLDEN_CASE = "golden-case.schema.json";
    public static final String PARAMETERS = "parameters.schema.json";
    public static final String INVARIANTS = "invariants.schema.json";

    /** The data files under rules/ with a schema, by path. */
    private static final Map<String, String> RULE_DATA = Map.of(
            RuleSetFiles.QUESTIONNAIRE, QUESTIONNAIRE,
            RuleSetFiles.RECOMMENDATIONS, RECOMMENDATIONS,
            RuleSetFiles.PARAMETERS, PARAMETERS,
            RuleSetFiles.INVARIANTS, INVARIANTS);

    /** Every schema the application ships and serves. */
    public static final List<String> ALL = List.of(QUESTIONNAIRE, RECOMMENDATIONS, PARAMETERS, INVARIANTS, GOLDEN_CASE);

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .errorMessageKeyword("message").pathType(com.networknt.schema.PathType.JSON_POINTER).build();
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private DataFileSchemas() {
    }

    /** The schema a file of a rule set is checked against, by its path; empty for DRL and unknown files. */
    public static Optional<String> schemaFor(String path) {
        String name = RULE_DATA.get(path);
        if (name != null) {
            return Optional.of(name);
        }
        return path.startsWith(RuleSetFiles.TEST_CASES) && path.endsWith(".yaml") ? Optional.of(GOLDEN_CASE) : Optional.empty();
    }

    /** The text of a shipped schema, or empty if there is no such schema. */
    public static Optional<String> text(String name) {
        if (!ALL.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = DataFileSchemas.class.getResourceAsStream("/schemas/" + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + name, e);
        }
    }

    /** Every schema violation in the data files of a rule set, in file order, each at its place. */
    public static List<InputError> check(RuleSetFiles files) {
        List<InputError> errors = new ArrayList<>();
        files.all().forEach((path, content) -> schemaFor(path).ifPresent(name -> errors.addAll(check(path, content, name))));
        return errors;
    }

    /**
     * One file against one schema. A file that is not YAML at all yields nothing here: the strict
     * reader names its syntax error.
     */
    public static List<InputError> check(String path, String content, String schemaName) {
        Optional<YamlLocations> parsed = YamlLocations.parse(content);
        if (parsed.isEmpty()) {
            return List.of();
        }
        YamlLocations yaml = parsed.get();
        Map<String, InputError> found = new LinkedHashMap<>();
        for (ValidationMessage m : schema(schemaName).validate(yaml.tree())) {
            String pointer = pointer(m.getInstanceLocation());
            boolean aboutKey = m.getProperty() != null && "additionalProperties".equals(m.getType());
            YamlLocations.At at = aboutKey ? yaml.keyAt(pointer, m.getProperty()) : yaml.valueAt(pointer);
            String where = readable(m.getInstanceLocation());
            String message = (where.isEmpty() ? "" : where + ": ") + text(m);
            found.putIfAbsent(at.line() + ":" + message, InputError.file(path, at.line(), at.column(), "schema", message));
        }
        List<InputError> errors = new ArrayList<>(found.values());
        errors.sort(Comparator.comparing(InputError::line).thenComparing(InputError::column).thenComparing(InputError::message));
        return errors;
    }

    /**
     * The schema's errors with the strict readers' errors beside them, without saying one thing
     * twice: where a data file breaks its schema, a reader's error for that file on a line the
     * schema already names, or on no line at all, is left out; it shows again, if it still holds,
     * once the file has the right shape.
     */
    public static List<InputError> alongside(List<InputError> schemaErrors, List<InputError> others) {
        List<InputError> all = new ArrayList<>(schemaErrors);
        for (InputError other : others) {
            boolean fileBroken = schemaErrors.stream().anyMatch(s -> s.file().equals(other.file()));
            boolean sameLine = schemaErrors.stream().anyMatch(s -> s.file().equals(other.file()) && s.line().equals(other.line()));
            if (!fileBroken || (other.line() != null && !sameLine)) {
                all.add(other);
            }
        }
        return all;
    }

    private static JsonSchema schema(String name) {
        return LOADED.computeIfAbsent(name, n -> FACTORY.getSchema(text(n)
                .orElseThrow(() -> new IllegalStateException("no schema " + n + " on the class path")), CONFIG));
    }

    private static String pointer(JsonNodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(YamlLocations.escape(String.valueOf(path.getElement(i))));
        }
        return sb.toString();
    }

    /** {@code sections[0].questions[2].type}: the part at fault as a person reads the file. */
    private static String readable(JsonNodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                sb.append(sb.isEmpty() ? "" : ".").append(element);
            }
        }
        return sb.toString();
    }

    /** The validator's message without the location it starts with (the error carries that already). */
    private static String text(ValidationMessage m) {
        if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
            return "unknown key '" + m.getProperty() + "'";
        }
        if ("required".equals(m.getType()) && m.getProperty() != null) {
            return "needs '" + m.getProperty() + "'";
        }
        String message = m.getMessage();
        String location = m.getInstanceLocation().toString();
        if (message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        } else if (message.startsWith(location + " ")) {
            message = message.substring(location.length() + 1);
        }
        return message.replaceAll("\\s+", " ").strip();
    }
}

package io.triage.golden;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.json.CanonicalJson;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a golden case in the format {@link GoldenCase} reads, naming its schema on the first line
 * so editors check it: the answers as given, the codes that must and must not be recommended.
 * Values are written as JSON scalars, which YAML reads as they are.
 */
public final class GoldenCaseYaml {

    public static final String SCHEMA_LINE = "# yaml-language-server: $schema=../src/main/resources/schemas/golden-case.schema.json";

    private GoldenCaseYaml() {
    }

    public static String write(String description, JsonNode answers, List<String> present, List<String> absent) {
        StringBuilder yaml = new StringBuilder(SCHEMA_LINE).append('\n');
        yaml.append("description: ").append(CanonicalJson.string(CanonicalJson.MAPPER.getNodeFactory().textNode(description))).append('\n');
        if (answers.isEmpty()) {
            yaml.append("answers: {}\n");
        } else {
            yaml.append("answers:\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = answers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                yaml.append("  ").append(e.getKey()).append(": ").append(CanonicalJson.string(e.getValue())).append('\n');
            }
        }
        yaml.append("expect:\n");
        if (!present.isEmpty()) {
            yaml.append("  present: [").append(String.join(", ", present)).append("]\n");
        }
        if (!absent.isEmpty()) {
            yaml.append("  absent: [").append(String.join(", ", absent)).append("]\n");
        }
        return yaml.toString();
    }
}

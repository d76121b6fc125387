package io.triage.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What changed between two versions of a YAML data file, in words, found on the parsed trees, so it
 * works for any file: {@code high_volume_calls_per_month › value: 100000 → 50000}. Lists of mappings
 * that carry an identifying key ({@code id}, {@code code}, {@code name}, {@code value}) are matched
 * by it, so inserting an entry is one addition, not a change of every entry after it; lists of plain
 * values are compared whole. Comments and formatting do not count here (the line diff shows them).
 */
public final class YamlChanges {

    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final List<String> KEYS = List.of("id", "code", "name", "value");
    private static final int SHOWN_TEXT = 80;

    /**
     * One change: {@code path} as a pointer-like key path ({@code sections[outcome].questions[monthly_calls].max}),
     * {@code label} as people read it ({@code outcome › monthly_calls › max}), the kind (added, removed,
     * changed) and the values before and after (null when absent).
     */
    public record Change(String path, String label, String kind, JsonNode before, JsonNode after, String text) {
    }

    private YamlChanges() {
    }

    /** The changes, or empty when either side is not YAML (then only the lines can be compared). */
    public static Optional<List<Change>> between(String before, String after) {
        JsonNode a = parse(before);
        JsonNode b = parse(after);
        if ((before != null && a == null) || (after != null && b == null)) {
            return Optional.empty();
        }
        List<Change> changes = new ArrayList<>();
        walk(new ArrayList<>(), new ArrayList<>(), a, b, changes, true);
        return Optional.of(changes);
    }

    private static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode tree = YAML.readTree(text);
            return tree == null || tree.isMissingNode() ? YAML.createObjectNode() : tree;
        } catch (Exception e) {
            return null;
        }
    }

    private static void walk(List<String> path, List<String> label, JsonNode a, JsonNode b, List<Change> out, boolean root) {
        if (a != null && a.equals(b)) {
            return;
        }
        if (a == null || b == null) {
            out.add(change(path, label, a == null ? "added" : "removed", a, b));
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            // a document that is one list under one key (recommendations:, parameters:) reads without it
            boolean dropKey = root && keys.size() == 1;
            for (String key : keys) {
                path.add((path.isEmpty() ? "" : ".") + key);
                if (!dropKey) {
                    label.add(key);
                }
                walk(path, label, a.get(key), b.get(key), out, false);
                path.remove(path.size() - 1);
                if (!dropKey) {
                    label.remove(label.size() - 1);
                }
            }
            return;
        }
        Optional<String> key = a.isArray() && b.isArray() ? identifyingKey(a, b) : Optional.empty();
        if (key.isPresent()) {
            // the list's own name says less than its entries' keys: outcome › monthly_calls, not sections › ...
            String listName = label.isEmpty() ? null : label.remove(label.size() - 1);
            Set<String> ids = new LinkedHashSet<>();
            a.forEach(e -> ids.add(e.get(key.get()).asText()));
            b.forEach(e -> ids.add(e.get(key.get()).asText()));
            for (String id : ids) {
                path.add("[" + id + "]");
                label.add(id);
                walk(path, label, find(a, key.get(), id), find(b, key.get(), id), out, false);
                path.remove(path.size() - 1);
                label.remove(label.size() - 1);
            }
            if (listName != null) {
                label.add(listName);
            }
            return;
        }
        out.add(change(path, label, "changed", a, b));
    }

    /** The key every entry of both lists has, as a plain unique value, if there is one. */
    private static Optional<String> identifyingKey(JsonNode a, JsonNode b) {
        for (String key : KEYS) {
            if (identifies(a, key) && identifies(b, key) && (a.size() + b.size()) > 0) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static boolean identifies(JsonNode list, String key) {
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode e : list) {
            if (!e.isObject() || e.get(key) == null || !e.get(key).isValueNode() || !seen.add(e.get(key).asText())) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode find(JsonNode list, String key, String id) {
        for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
            JsonNode e = it.next();
            if (e.get(key).asText().equals(id)) {
                return e;
            }
        }
        return null;
    }

    private static Change change(List<String> path, List<String> label, String kind, JsonNode before, JsonNode after) {
        String at = label.isEmpty() ? "the document" : String.join(" › ", label);
        String text = switch (kind) {
            case "added" -> at + " added" + (after.isValueNode() ? ": " + shown(after) : "");
            case "removed" -> at + " removed" + (before.isValueNode() ? " (was " + shown(before) + ")" : "");
            default -> before.isTextual() && after.isTextual() && (longText(before) || longText(after))
                    ? at + " reworded"
                    : at + ": " + shown(before) + " → " + shown(after);
        };
        return new Change(String.join("", path), at, kind, before, after, text);
    }

    private static boolean longText(JsonNode text) {
        return text.asText().length() > SHOWN_TEXT || text.asText().contains("\n");
    }

    private static String shown(JsonNode value) {
        if (value.isTextual()) {
            String text = value.asText();
            return longText(value) ? "\"" + text.substring(0, Math.min(text.length(), SHOWN_TEXT)).replace('\n', ' ') + "…\"" : "\"" + text + "\"";
        }
        if (value.isArray() && value.size() <= 20) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.isValueNode() ? v.asText() : "{…}"));
            return "[" + String.join(", ", items) + "]";
        }
        if (value.isContainerNode()) {
            return value.isArray() ? "a list of " + value.size() : "{…}";
        }
        return value.asText();
    }
}

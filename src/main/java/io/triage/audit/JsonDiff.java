package io.triage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.json.CanonicalJson;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Where two JSON documents differ, as {@code {path, stored, replayed}} entries (at most
 * {@link #MAX_DIFFERENCES}). Leaves are compared in canonical form, so 5000 and 5000.0 are equal,
 * as they are in the hash chain.
 */
final class JsonDiff {

    static final int MAX_DIFFERENCES = 50;
    private static final JsonNode MISSING = JsonNodeFactory.instance.missingNode();

    private JsonDiff() {
    }

    static List<ObjectNode> diff(String path, JsonNode stored, JsonNode replayed) {
        List<ObjectNode> out = new ArrayList<>();
        walk(path, stored, replayed, out);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<ObjectNode> out) {
        if (out.size() >= MAX_DIFFERENCES) {
            return;
        }
        a = a == null ? MISSING : a;
        b = b == null ? MISSING : b;
        if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(path + "." + name, a.get(name), b.get(name), out);
            }
        } else if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                walk(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
        } else if (!canonical(a).equals(canonical(b))) {
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            d.put("path", path);
            d.set("stored", a.isMissingNode() ? null : a);
            d.set("replayed", b.isMissingNode() ? null : b);
            out.add(d);
        }
    }

    private static String canonical(JsonNode node) {
        return node.isMissingNode() ? "<missing>" : CanonicalJson.string(node);
    }
}

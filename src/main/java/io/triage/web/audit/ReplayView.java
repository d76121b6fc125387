package io.triage.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.audit.ReplayResult;
import io.triage.json.CanonicalJson;

import java.util.List;

/** A replay's result as the detail page shows it: matches, or each difference with both values. */
public record ReplayView(String rulesetVersion, boolean ownVersion, boolean recordHashVerified, boolean matches,
                         List<Difference> differences, List<String> codesAdded, List<String> codesRemoved) {

    /** One changed value; {@code stored} or {@code replayed} is "(absent)" where the value only exists on one side. */
    public record Difference(String path, String stored, String replayed, String problem) {
    }

    public static ReplayView of(ReplayResult result) {
        List<Difference> differences = result.differences().stream()
                .map(d -> new Difference(d.path("path").asText(), value(d.get("stored")), value(d.get("replayed")),
                        d.hasNonNull("problem") ? d.get("problem").asText() : null))
                .toList();
        return new ReplayView(result.rulesetVersion(), result.ownVersion(), result.recordHashVerified(),
                result.matches() && result.recordHashVerified(), differences, result.codesAdded(), result.codesRemoved());
    }

    private static String value(JsonNode node) {
        return node == null || node.isNull() ? "(absent)" : CanonicalJson.string(node);
    }
}

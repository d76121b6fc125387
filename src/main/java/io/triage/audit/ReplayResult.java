package io.triage.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The answer to a replay: which decision, on which version, whether the stored record still
 * hashes to its recorded hash, whether the outcome matches, and if not, every difference.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayResult(String decisionId, String rulesetVersion, String storedRulesetVersion, boolean ownVersion,
                           boolean recordHashVerified, boolean matches, List<ObjectNode> differences,
                           List<String> codesAdded, List<String> codesRemoved) {
}

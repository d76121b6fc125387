package io.triage.decision;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.history.StoredDecision;
import io.triage.json.CanonicalJson;

import java.util.ArrayList;
import java.util.List;

/** What a list shows of a decision (API and pages alike); the full record is one GET away. */
public record DecisionSummary(String id, long seq, String createdAt, String submittedBy, String rulesetVersion,
                              List<String> strategies, List<String> codes, String recordHash) {

    public static DecisionSummary of(StoredDecision d) {
        JsonNode record = CanonicalJson.parse(d.requireRecord());
        List<String> strategies = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (JsonNode r : record.path("recommendations")) {
            codes.add(r.path("code").asText());
            if ("strategy".equals(r.path("kind").asText())) {
                strategies.add(r.path("code").asText());
            }
        }
        return new DecisionSummary(d.id(), d.seq(), record.path("createdAt").asText(), record.path("submittedBy").asText(),
                record.path("rulesetVersion").asText(), strategies, codes, d.recordHash());
    }
}

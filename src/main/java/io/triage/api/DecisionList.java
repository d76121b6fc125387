package io.triage.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.triage.json.CanonicalJson;
import io.triage.store.StoredDecision;

import java.util.ArrayList;
import java.util.List;

/** A page of decision summaries, newest first; {@code next} is the cursor for the following page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionList(List<Summary> items, String next) {

    /** What a list shows of a decision; the full record is one GET away. */
    public record Summary(String id, long seq, String createdAt, String submittedBy, String rulesetVersion,
                          List<String> strategies, List<String> codes, String recordHash) {

        public static Summary of(StoredDecision d) {
            JsonNode record = CanonicalJson.parse(d.requireRecord());
            List<String> strategies = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            for (JsonNode r : record.path("recommendations")) {
                codes.add(r.path("code").asText());
                if ("strategy".equals(r.path("kind").asText())) {
                    strategies.add(r.path("code").asText());
                }
            }
            return new Summary(d.id(), d.seq(), record.path("createdAt").asText(), record.path("submittedBy").asText(),
                    record.path("rulesetVersion").asText(), strategies, codes, d.recordHash());
        }
    }
}

package io.triage.decision;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A page of decision summaries, newest first; {@code next} is the cursor for the following page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionList(List<DecisionSummary> items, String next) {
}

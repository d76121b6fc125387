package io.triage.golden;

import java.util.List;

/** The outcome of one golden case: passed, or each expectation that failed as "expected … got …". */
public record CaseResult(String name, String file, String description, boolean passed, List<String> failures,
                         List<String> codes, List<String> firedRules) {
}

package io.triage.golden;

import java.util.List;

/**
 * The golden cases run against one rule set: each case's result and which rules no case fired.
 * A rule set passes the gate when every case passes and every rule is covered.
 */
public record GoldenReport(List<CaseResult> cases, int ruleCount, List<String> uncoveredRules) {

    public boolean allCasesPass() {
        return cases.stream().allMatch(CaseResult::passed);
    }

    public boolean fullyCovered() {
        return uncoveredRules.isEmpty();
    }

    public boolean passed() {
        return allCasesPass() && fullyCovered();
    }

    public List<CaseResult> failures() {
        return cases.stream().filter(c -> !c.passed()).toList();
    }
}

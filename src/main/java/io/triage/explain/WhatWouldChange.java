package io.triage.explain;

import io.triage.rules.RecommendationKind;
import java.math.BigDecimal;
import java.util.List;

/**
 * What single change of one answer would add or remove each recommendation of a decision, found by
 * running the decision's own rule-set version on the alternatives. For each code present, the
 * changes that remove it; for each strategy absent, the changes that bring it in ({@code askedAbout}
 * when the buyer put it on the table). A number's change is its exact threshold, the nearest one in
 * each direction: below {@code threshold} (the threshold itself keeps the advice, one step below does
 * not), or from {@code threshold} up (one step below keeps the advice, the threshold does not).
 *
 * @param complete    false if the search stopped at its evaluation limit (then some changes may be missing)
 * @param evaluations how many times the engine ran; the same for the same decision and version
 */
public record WhatWouldChange(String decisionId, String rulesetVersion, List<String> codesNow, boolean complete,
                              int evaluations, List<CodeChanges> codes) {

    /** One recommendation and the answer changes that would add it (absent) or remove it (present). */
    public record CodeChanges(String code, RecommendationKind kind, String title, boolean present, boolean askedAbout,
                              List<Change> changes) {
    }

    /**
     * One answer changed. {@code to} is the new answer (for a number, the nearest value that makes the
     * difference: one step below the threshold, or the threshold); {@code from} the answer now
     * ({@code defaulted} if the buyer left it to the questionnaire's default).
     *
     * @param direction "to" for a choice or yes/no, "below" or "from" for a number
     * @param effect    "adds" or "removes"
     */
    public record Change(String question, String label, Object from, boolean defaulted, Object to,
                         BigDecimal threshold, String direction, String effect, String text) {
    }
}

package io.triage.web.policy;

import io.quarkus.qute.TemplateData;
import io.triage.policy.ImpactAnalysis;

import java.util.List;
import java.util.Map;

/** The result of an impact analysis, ready to print: totals, codes gained and lost, decisions that would change. */
@TemplateData
public record ImpactView(String version, String activeVersion, String window, long replayed, long changed,
                         long codesChanged, List<CodeCount> added, List<CodeCount> removed, List<Change> decisions,
                         boolean truncated, long elapsedMillis) {

    @TemplateData
    public record CodeCount(String code, long decisions) {
    }

    @TemplateData
    public record Change(String decisionId, String codesAdded, String codesRemoved, int differences) {
    }

    static ImpactView of(ImpactAnalysis.Report r) {
        String window = r.from() == null && r.to() == null ? "all stored decisions"
                : "decisions made " + (r.from() == null ? "" : "from " + Shown.time(r.from()) + " ")
                + (r.to() == null ? "" : "before " + Shown.time(r.to()));
        return new ImpactView(r.version(), r.activeVersion(), window.trim(), r.replayed(), r.changed(), r.codesChanged(),
                counts(r.added()), counts(r.removed()),
                r.decisions().stream().map(c -> new Change(c.decisionId(), String.join(", ", c.codesAdded()),
                        String.join(", ", c.codesRemoved()), c.differences())).toList(),
                r.truncated(), r.elapsedMillis());
    }

    public long codesAddedCount() {
        return added.stream().mapToLong(CodeCount::decisions).sum();
    }

    public long codesRemovedCount() {
        return removed.stream().mapToLong(CodeCount::decisions).sum();
    }

    private static List<CodeCount> counts(Map<String, Long> byCode) {
        return byCode.entrySet().stream().map(e -> new CodeCount(e.getKey(), e.getValue())).toList();
    }
}

package io.triage.web.audit;

import io.triage.audit.ChainReport;

/** A chain verification as the list page reports it, with the count in words. */
public record ChainView(boolean intact, String checked, Long headSeq, String headHash, ChainReport.BadRecord firstBadRecord) {

    public static ChainView of(ChainReport report) {
        String checked = report.records() + (report.records() == 1 ? " record" : " records") + " checked";
        return new ChainView(report.intact(), checked, report.headSeq(), report.headHash(), report.firstBadRecord());
    }
}

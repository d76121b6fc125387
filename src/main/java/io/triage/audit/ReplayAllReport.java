package io.triage.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Every stored decision in a window replayed on its own version: how many, how many matched, which
 * did not, and which could not be replayed at all (a damaged record, a missing version), with why.
 */
public record ReplayAllReport(long replayed, long matched, long mismatched, List<String> mismatchedIds,
                              long failed, List<Failure> failures, long elapsedMillis, long perSecond) {

    /** A decision that could not be replayed. */
    public record Failure(String decisionId, String reason) {
    }

    static final int MAX_IDS = 100;

    static final class Builder {
        private long replayed;
        private long matched;
        private final List<String> mismatchedIds = new ArrayList<>();
        private long failed;
        private final List<Failure> failures = new ArrayList<>();

        void failed(String decisionId, String reason) {
            failed++;
            if (failures.size() < MAX_IDS) {
                failures.add(new Failure(decisionId, reason.length() <= 300 ? reason : reason.substring(0, 297) + "..."));
            }
        }

        void add(ReplayResult result) {
            replayed++;
            if (result.matches() && result.recordHashVerified()) {
                matched++;
            } else if (mismatchedIds.size() < MAX_IDS) {
                mismatchedIds.add(result.decisionId());
            }
        }

        ReplayAllReport build(long elapsedMillis) {
            long perSecond = elapsedMillis == 0 ? replayed : replayed * 1000 / elapsedMillis;
            return new ReplayAllReport(replayed, matched, replayed - matched, List.copyOf(mismatchedIds), failed,
                    List.copyOf(failures), elapsedMillis, perSecond);
        }
    }
}

package io.triage.audit;

import java.util.ArrayList;
import java.util.List;

/** Every stored decision in a window replayed on its own version: how many, how many matched, which did not. */
public record ReplayAllReport(long replayed, long matched, long mismatched, List<String> mismatchedIds,
                              long elapsedMillis, long perSecond) {

    static final int MAX_IDS = 100;

    static final class Builder {
        private long replayed;
        private long matched;
        private final List<String> mismatchedIds = new ArrayList<>();

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
            return new ReplayAllReport(replayed, matched, replayed - matched, List.copyOf(mismatchedIds), elapsedMillis, perSecond);
        }
    }
}

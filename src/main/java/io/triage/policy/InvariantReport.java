package io.triage.policy;

import java.util.List;

/**
 * The invariant check of a candidate: how many invariants, how many answer sets they were checked
 * on (golden cases' answers, then generated from {@code seed}), and every invariant broken, each
 * with its smallest counterexample.
 */
public record InvariantReport(int invariants, int samples, long seed, List<Violation> violations) {

    public static InvariantReport none(long seed) {
        return new InvariantReport(0, 0, seed, List.of());
    }

    public boolean passed() {
        return violations.isEmpty();
    }
}

package io.triage.policy;

import io.triage.audit.BulkReplay;
import io.triage.audit.ReplayResult;
import io.triage.rules.ActiveRuleSet;
import io.triage.store.RuleSetHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a candidate would change before anyone activates it: every stored decision (or those in a
 * time window) replayed on the candidate, counting those whose outcome would differ and, for each,
 * the codes it would gain and lose.
 */
@ApplicationScoped
public class ImpactAnalysis {

    static final int MAX_LISTED = 1000;

    /** One decision whose outcome would change. */
    public record Change(String decisionId, List<String> codesAdded, List<String> codesRemoved, int differences) {
    }

    /**
     * {@code changed}: outcome differs in any way (texts, cost, trace); {@code codesChanged}: the
     * recommended codes differ. {@code added}/{@code removed}: per code, in how many decisions.
     */
    public record Report(String version, String activeVersion, Instant from, Instant to, long replayed, long changed,
                         long codesChanged, Map<String, Long> added, Map<String, Long> removed, List<Change> decisions,
                         boolean truncated, long elapsedMillis, long perSecond) {
    }

    private final BulkReplay bulkReplay;
    private final RuleSetHistory history;
    private final ActiveRuleSet active;

    ImpactAnalysis(BulkReplay bulkReplay, RuleSetHistory history, ActiveRuleSet active) {
        this.bulkReplay = bulkReplay;
        this.history = history;
        this.active = active;
    }

    public Report analyze(String version, Instant from, Instant to) {
        RuleSetHistory.Candidate candidate = history.candidate(version)
                .orElseThrow(() -> new NotFoundException("no rule-set version " + version));
        if (!candidate.report().path("compiled").asBoolean()) {
            throw new ActivationRefusedException("version " + version + " does not compile; there is nothing to replay on");
        }
        long start = System.nanoTime();
        long[] counts = new long[3]; // replayed, changed, codesChanged
        Map<String, Long> added = new TreeMap<>();
        Map<String, Long> removed = new TreeMap<>();
        List<Change> listed = new ArrayList<>();
        bulkReplay.run(from, to, version, (ReplayResult r) -> {
            counts[0]++;
            if (r.matches()) {
                return;
            }
            counts[1]++;
            if (!r.codesAdded().isEmpty() || !r.codesRemoved().isEmpty()) {
                counts[2]++;
                r.codesAdded().forEach(c -> added.merge(c, 1L, Long::sum));
                r.codesRemoved().forEach(c -> removed.merge(c, 1L, Long::sum));
            }
            if (listed.size() < MAX_LISTED) {
                listed.add(new Change(r.decisionId(), r.codesAdded(), r.codesRemoved(), r.differences().size()));
            }
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Report(version, active.require().version(), from, to, counts[0], counts[1], counts[2], added, removed,
                listed, counts[1] > listed.size(), millis, millis == 0 ? counts[0] : counts[0] * 1000 / millis);
    }
}

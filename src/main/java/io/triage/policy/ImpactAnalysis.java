package io.triage.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.engine.EvaluationBudget;
import io.triage.engine.Evaluator;
import io.triage.history.RuleSetCandidate;
import io.triage.history.StoredRuleSet;
import io.triage.rules.ActiveRuleSet;
import io.triage.store.DecisionQueries;
import io.triage.store.RuleSetHistory;
import io.triage.store.RuleSetRepository;
import io.triage.worker.Worker;
import io.triage.worker.WorkerFailure;
import io.triage.worker.WorkerRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * What a candidate would change before anyone activates it: every stored decision (or those in a
 * time window) replayed on the candidate, counting those whose outcome would differ and, for each,
 * the codes it would gain and lose. The candidate runs in the confined worker; this process only
 * streams it the stored records and counts what comes back.
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

    private final Worker worker;
    private final DecisionQueries decisions;
    private final RuleSetRepository repository;
    private final RuleSetHistory history;
    private final ActiveRuleSet active;
    private final EvaluationBudget budget;

    ImpactAnalysis(Worker worker, DecisionQueries decisions, RuleSetRepository repository, RuleSetHistory history,
                   ActiveRuleSet active, Evaluator evaluator) {
        this.worker = worker;
        this.decisions = decisions;
        this.repository = repository;
        this.history = history;
        this.active = active;
        this.budget = evaluator.budget();
    }

    /** @throws io.triage.worker.WorkerFailure the candidate timed out or killed its worker */
    public Report analyze(String version, Instant from, Instant to) {
        return analyze(version, from, to, done -> { }, null);
    }

    /**
     * As {@link #analyze(String, Instant, Instant)}, for a background job: {@code progress} hears how
     * many decisions have been replayed so far; when {@code cancelled} turns true the worker is killed
     * and a {@link io.triage.worker.WorkerFailure} of kind {@code CANCELLED} ends the call.
     */
    public Report analyze(String version, Instant from, Instant to, LongConsumer progress, BooleanSupplier cancelled) {
        RuleSetCandidate candidate = history.candidate(version)
                .orElseThrow(() -> new NotFoundException("no rule-set version " + version));
        if (!candidate.report().path("compiled").asBoolean()) {
            throw new ActivationRefusedException("version " + version + " does not compile; there is nothing to replay on");
        }
        StoredRuleSet stored = repository.find(version)
                .orElseThrow(() -> new NotFoundException("no rule-set version " + version + " is stored"));
        long start = System.nanoTime();
        Tally tally = new Tally();
        if (decisions.count(from, to) == 0) {
            // nothing to replay: no worker process is started for an empty window
            return new Report(version, active.require().version(), from, to, 0, 0, 0, Map.of(), Map.of(), List.of(), false, 0, 0);
        }
        AtomicLong sent = new AtomicLong();
        worker.runLong(WorkerRequests.replay(stored.files(), budget, false),
                send -> decisions.scan(from, to, d -> {
                    send.accept(WorkerRequests.record(d.id(), d.requireRecord()));
                    sent.incrementAndGet();
                }),
                item -> {
                    tally.add(item);
                    progress.accept(tally.replayed);
                }, worker.impactTimeout(), cancelled);
        if (tally.replayed != sent.get()) {
            // a report on part of the log would read as a report on all of it
            throw new WorkerFailure(WorkerFailure.Kind.FAILED, "the worker answered " + tally.replayed + " of the "
                    + sent.get() + " decisions sent to it", null);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Report(version, active.require().version(), from, to, tally.replayed, tally.changed, tally.codesChanged,
                tally.added, tally.removed, tally.listed, tally.changed > tally.listed.size(), millis,
                millis == 0 ? tally.replayed : tally.replayed * 1000 / millis);
    }

    private static final class Tally {
        long replayed;
        long changed;
        long codesChanged;
        final Map<String, Long> added = new TreeMap<>();
        final Map<String, Long> removed = new TreeMap<>();
        final List<Change> listed = new ArrayList<>();

        void add(JsonNode item) {
            if (!"item".equals(item.path("type").asText())) {
                return;
            }
            replayed++;
            if (item.path("matches").asBoolean()) {
                return;
            }
            changed++;
            List<String> plus = strings(item.path("codesAdded"));
            List<String> minus = strings(item.path("codesRemoved"));
            if (!plus.isEmpty() || !minus.isEmpty()) {
                codesChanged++;
                plus.forEach(c -> added.merge(c, 1L, Long::sum));
                minus.forEach(c -> removed.merge(c, 1L, Long::sum));
            }
            if (listed.size() < MAX_LISTED) {
                listed.add(new Change(item.path("id").asText(), plus, minus, item.path("differenceCount").asInt()));
            }
        }

        private static List<String> strings(JsonNode array) {
            List<String> list = new ArrayList<>();
            array.forEach(n -> list.add(n.asText()));
            return list;
        }
    }
}

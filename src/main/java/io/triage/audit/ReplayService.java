package io.triage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.engine.EvaluationBudget;
import io.triage.history.StoredDecision;
import io.triage.history.StoredRuleSet;
import io.triage.rules.CompiledVersions;
import io.triage.store.RuleSetRepository;
import io.triage.worker.Worker;
import io.triage.engine.Evaluator;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.RuleSet;
import io.triage.store.DecisionQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays stored decisions on their own rule-set version, or on another one (what-if). Own and
 * active versions run here; any other version may never have been trusted, so it runs in the
 * confined worker.
 */
@ApplicationScoped
public class ReplayService {

    /** {@code ?ruleset=active} replays on the version active now. */
    public static final String ACTIVE = "active";

    private final DecisionQueries decisions;
    private final CompiledVersions versions;
    private final ActiveRuleSet active;
    private final Replayer replayer;

    private final Worker worker;
    private final RuleSetRepository repository;
    private final EvaluationBudget budget;

    ReplayService(DecisionQueries decisions, CompiledVersions versions, ActiveRuleSet active, Evaluator evaluator,
                  Worker worker, RuleSetRepository repository) {
        this.decisions = decisions;
        this.versions = versions;
        this.active = active;
        this.replayer = new Replayer(evaluator);
        this.worker = worker;
        this.repository = repository;
        this.budget = evaluator.budget();
    }

    /** @param target null for the decision's own version, {@link #ACTIVE}, or a {@code sha256:} version */
    public ReplayResult replay(String decisionId, String target) {
        StoredDecision stored = decisions.find(decisionId)
                .orElseThrow(() -> new NotFoundException("no decision " + decisionId));
        return replay(stored, target);
    }

    public ReplayResult replay(StoredDecision stored, String target) {
        ReplayInput input = ReplayInput.of(stored);
        String own = input.rulesetVersion();
        String activeVersion = active.require().version();
        String version = target == null || target.isBlank() ? own
                : ACTIVE.equals(target) ? activeVersion : target;
        if (!version.equals(own) && !version.equals(activeVersion)) {
            return replayConfined(stored, own, version);
        }
        RuleSet ruleSet = versions.get(version);
        Replayer.Outcome outcome = replayer.replay(input, ruleSet);
        return new ReplayResult(stored.id(), version, own, version.equals(own), stored.hashMatches(),
                outcome.matches(), outcome.differences(), outcome.codesAdded(), outcome.codesRemoved());
    }

    private ReplayResult replayConfined(StoredDecision stored, String own, String version) {
        StoredRuleSet target = repository.find(version)
                .orElseThrow(() -> new NotFoundException("no rule-set version " + version + " is stored"));
        JsonNode item = ConfinedReplay.replay(worker, target.files(), budget, stored.id(), stored.requireRecord());
        List<ObjectNode> differences = new ArrayList<>();
        item.path("differences").forEach(d -> differences.add((ObjectNode) d));
        return new ReplayResult(stored.id(), version, own, false, stored.hashMatches(), item.path("matches").asBoolean(),
                differences, strings(item.path("codesAdded")), strings(item.path("codesRemoved")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}

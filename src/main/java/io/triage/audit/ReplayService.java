package io.triage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.engine.Evaluator;
import io.triage.json.CanonicalJson;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.RuleSet;
import io.triage.store.DecisionQueries;
import io.triage.store.StoredDecision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

/** Replays stored decisions on their own rule-set version, or on another one (what-if). */
@ApplicationScoped
public class ReplayService {

    /** {@code ?ruleset=active} replays on the version active now. */
    public static final String ACTIVE = "active";

    private final DecisionQueries decisions;
    private final CompiledVersions versions;
    private final ActiveRuleSet active;
    private final Replayer replayer;

    ReplayService(DecisionQueries decisions, CompiledVersions versions, ActiveRuleSet active, Evaluator evaluator) {
        this.decisions = decisions;
        this.versions = versions;
        this.active = active;
        this.replayer = new Replayer(evaluator);
    }

    /** @param target null for the decision's own version, {@link #ACTIVE}, or a {@code sha256:} version */
    public ReplayResult replay(String decisionId, String target) {
        StoredDecision stored = decisions.find(decisionId)
                .orElseThrow(() -> new NotFoundException("no decision " + decisionId));
        return replay(stored, target);
    }

    public ReplayResult replay(StoredDecision stored, String target) {
        String canonical = stored.requireRecord();
        JsonNode record = CanonicalJson.parse(canonical);
        String own = record.get("rulesetVersion").asText();
        String version = target == null || target.isBlank() ? own
                : ACTIVE.equals(target) ? active.require().version() : target;
        RuleSet ruleSet = versions.get(version);
        Replayer.Outcome outcome = replayer.replay(record, canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8), ruleSet);
        return new ReplayResult(stored.id(), version, own, version.equals(own), stored.hashMatches(),
                outcome.matches(), outcome.differences(), outcome.codesAdded(), outcome.codesRemoved());
    }
}

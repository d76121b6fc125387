package io.triage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.StoreUnavailableException;
import io.triage.history.StoredDecision;
import io.triage.json.CanonicalJson;
import io.triage.store.DecisionQueries;
import io.triage.store.RuleSetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.time.Instant;

/**
 * A self-contained bundle for one decision: the record with its hashes, the hashes of its chain
 * neighbours, the full rule-set source of its version and its questionnaire. Enough to verify and
 * replay the decision with {@link BundleVerifier}, without the service or the database.
 */
@ApplicationScoped
public class BundleExporter {

    public static final String FORMAT = "triage-decision-bundle/1";

    private final DecisionQueries decisions;
    private final RuleSetRepository rulesets;

    BundleExporter(DecisionQueries decisions, RuleSetRepository rulesets) {
        this.decisions = decisions;
        this.rulesets = rulesets;
    }

    public ObjectNode export(String decisionId) {
        StoredDecision stored = decisions.find(decisionId)
                .orElseThrow(() -> new NotFoundException("no decision " + decisionId));
        JsonNode record = CanonicalJson.parse(stored.requireRecord());
        String rulesetVersion = record.get("rulesetVersion").asText();
        String questionnaireVersion = record.get("questionnaireVersion").asText();
        var ruleSet = rulesets.find(rulesetVersion)
                .orElseThrow(() -> new StoreUnavailableException("rule-set version " + rulesetVersion + " of this decision is not stored"));
        String questionnaire = rulesets.questionnaireSource(questionnaireVersion)
                .orElseThrow(() -> new StoreUnavailableException("questionnaire " + questionnaireVersion + " of this decision is not stored"));

        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode bundle = f.objectNode();
        bundle.put("format", FORMAT);
        bundle.put("exportedAt", Instant.now().toString());
        ObjectNode decision = bundle.putObject("decision");
        decision.put("seq", stored.seq());
        decision.set("record", record);
        decision.put("previousHash", stored.previousHash());
        decision.put("recordHash", stored.recordHash());
        ObjectNode chain = bundle.putObject("chain");
        decisions.findBySeq(stored.seq() - 1).ifPresentOrElse(p -> {
            ObjectNode prev = chain.putObject("previous");
            prev.put("seq", p.seq());
            prev.put("recordHash", p.recordHash());
        }, () -> chain.putNull("previous"));
        decisions.findBySeq(stored.seq() + 1).ifPresentOrElse(n -> {
            ObjectNode next = chain.putObject("next");
            next.put("seq", n.seq());
            next.put("previousHash", n.previousHash());
            next.put("recordHash", n.recordHash());
        }, () -> chain.putNull("next"));
        ObjectNode rules = bundle.putObject("ruleset");
        rules.put("version", rulesetVersion);
        ObjectNode files = rules.putObject("files");
        ruleSet.files().all().forEach(files::put);
        ObjectNode q = bundle.putObject("questionnaire");
        q.put("version", questionnaireVersion);
        q.put("source", questionnaire);
        return bundle;
    }
}

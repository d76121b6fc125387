package io.triage.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.StoreUnavailableException;
import io.triage.engine.Evaluator;
import io.triage.history.StoredDecision;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.CompiledVersions;
import io.triage.rules.RuleSet;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Counterfactuals and questions to ask next for stored decisions, always on the decision's own
 * rule-set version: the one that made it, rebuilt from its stored sources if it is no longer active.
 * Only versions that passed validation are compiled in this process ({@link CompiledVersions}
 * refuses any other), so no untrusted rule ever runs here.
 */
@ApplicationScoped
public class ExplainService {

    private final CompiledVersions versions;
    private final Explainer explainer;

    ExplainService(CompiledVersions versions, Evaluator evaluator) {
        this.versions = versions;
        this.explainer = new Explainer(evaluator);
    }

    public WhatWouldChange whatWouldChange(StoredDecision stored) {
        return both(stored).whatWouldChange();
    }

    public AskNext askNext(StoredDecision stored) {
        return both(stored).askNext();
    }

    /**
     * Both explanations, computed together (they share most engine runs) and remembered for the
     * last few decisions: a stored decision and its version never change, so neither does the result.
     */
    public Explainer.Both both(StoredDecision stored) {
        String key = stored.id() + " " + stored.recordHash();
        synchronized (cache) {
            Explainer.Both known = cache.get(key);
            if (known != null) {
                return known;
            }
        }
        Input input = input(stored);
        Explainer.Both both = explainer.both(stored.id(), input.ruleSet, input.answers, input.given);
        synchronized (cache) {
            cache.put(key, both);
        }
        return both;
    }

    private static final int CACHED = 64;
    private final java.util.Map<String, Explainer.Both> cache = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Explainer.Both> eldest) {
            return size() > CACHED;
        }
    };

    private record Input(RuleSet ruleSet, EffectiveAnswers answers, Set<String> given) {
    }

    /** The stored answers the buyer gave (without applied defaults), validated on the decision's own version. */
    private Input input(StoredDecision stored) {
        JsonNode record = stored.toJson();
        if (!record.path("rulesetVersion").isTextual() || !(record.get("answers") instanceof ObjectNode answers)) {
            // a record that decompresses but is no decision was damaged in the store, like one that does not
            throw new StoreUnavailableException("the stored record of decision " + stored.id()
                    + " is damaged: it has no rule-set version or no answers");
        }
        RuleSet ruleSet = versions.get(record.path("rulesetVersion").asText());
        ObjectNode given = answers.deepCopy();
        record.path("defaultsApplied").forEach(d -> given.remove(d.asText()));
        Set<String> ids = new LinkedHashSet<>();
        given.fieldNames().forEachRemaining(ids::add);
        return new Input(ruleSet, AnswerValidator.validate(ruleSet.questionnaire(), given), ids);
    }
}

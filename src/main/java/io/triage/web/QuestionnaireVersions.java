package io.triage.web;

import io.triage.app.RuleSetLifecycle;
import io.triage.questionnaire.Questionnaire;
import io.triage.questionnaire.QuestionnaireParser;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The questionnaire a stored decision was answered against, for its labels (versions are immutable, so cached). */
@ApplicationScoped
public class QuestionnaireVersions {

    private final RuleSetLifecycle ruleSets;
    private final Map<String, Questionnaire> cache = new ConcurrentHashMap<>();

    QuestionnaireVersions(RuleSetLifecycle ruleSets) {
        this.ruleSets = ruleSets;
    }

    public Optional<Questionnaire> find(String version) {
        Optional<Questionnaire> current = ruleSets.activation().map(a -> a.ruleSet().questionnaire())
                .filter(q -> q.version().equals(version));
        if (current.isPresent()) {
            return current;
        }
        Questionnaire cached = cache.get(version);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Questionnaire> stored = ruleSets.questionnaireSource(version)
                .map(source -> QuestionnaireParser.parse("rules/questionnaire.yaml", source));
        stored.ifPresent(q -> cache.put(version, q));
        return stored;
    }
}

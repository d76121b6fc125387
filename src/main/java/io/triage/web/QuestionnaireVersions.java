package io.triage.web;

import io.triage.policy.RuleSetRecords;
import io.triage.questionnaire.Questionnaire;
import io.triage.questionnaire.QuestionnaireParser;
import io.triage.rules.ActiveRuleSet;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The questionnaire a stored decision was answered against, for its labels (versions are immutable, so cached). */
@ApplicationScoped
public class QuestionnaireVersions {

    private final ActiveRuleSet active;
    private final RuleSetRecords records;
    private final Map<String, Questionnaire> cache = new ConcurrentHashMap<>();

    QuestionnaireVersions(ActiveRuleSet active, RuleSetRecords records) {
        this.active = active;
        this.records = records;
    }

    public Optional<Questionnaire> find(String version) {
        Optional<Questionnaire> current = active.current().map(a -> a.ruleSet().questionnaire())
                .filter(q -> q.version().equals(version));
        if (current.isPresent()) {
            return current;
        }
        Questionnaire cached = cache.get(version);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Questionnaire> stored = records.questionnaireSource(version)
                .map(source -> QuestionnaireParser.parse("rules/questionnaire.yaml", source));
        stored.ifPresent(q -> cache.put(version, q));
        return stored;
    }
}

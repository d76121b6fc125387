package io.triage.rules;

import io.triage.questionnaire.Questionnaire;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One compiled, immutable rule-set version: its sources, questionnaire, recommendation texts,
 * policy parameters and the Drools {@link KieBase} built from its DRL. A KieBase is safe to share between threads; every
 * evaluation opens its own session on it. Versions are never changed in place: a new version is a
 * new RuleSet.
 */
public final class RuleSet {

    /** The metadata key every rule declares its stable id under: {@code @id("rag")}. */
    public static final String ID_KEY = "id";
    /** The metadata key of the guidance a rule encodes: {@code @source("Knowledge Behavior")}. */
    public static final String SOURCE_KEY = "source";

    private final RuleSetFiles files;
    private final Questionnaire questionnaire;
    private final Catalogue catalogue;
    private final Parameters parameters;
    private final TermLabels terms;
    private final KieBase kieBase;
    private final List<RuleInfo> rules;
    private final Map<String, RuleInfo> rulesById = new java.util.HashMap<>();
    // Drools hands every firing the same rule object, so its id is found by identity instead of in
    // its metadata map: the trace asks for it at every firing
    private final Map<Rule, String> idsByRule = new java.util.IdentityHashMap<>();
    private final Instant compiledAt;
    private final SessionPool sessions;

    RuleSet(RuleSetFiles files, Questionnaire questionnaire, Catalogue catalogue, Parameters parameters,
            TermLabels terms, KieBase kieBase, List<RuleInfo> rules, int sessionPoolSize) {
        this.files = files;
        this.questionnaire = questionnaire;
        this.catalogue = catalogue;
        this.parameters = parameters;
        this.terms = terms;
        this.kieBase = kieBase;
        this.rules = List.copyOf(rules);
        rules.forEach(r -> rulesById.put(r.id(), r));
        kieBase.getKiePackages().forEach(p -> p.getRules().forEach(r -> idsByRule.put(r, idOf(r))));
        this.compiledAt = Instant.now();
        this.sessions = new SessionPool(kieBase, sessionPoolSize);
    }

    /** {@code sha256:<hex>} over the sorted files; the identity recorded with every decision. */
    public String version() {
        return files.version();
    }

    public RuleSetFiles files() {
        return files;
    }

    public Questionnaire questionnaire() {
        return questionnaire;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    /** The policy parameters every session of this version gets as facts. */
    public Parameters parameters() {
        return parameters;
    }

    /** The plain-language labels of the terms its rules draw; {@link TermLabels#present()} is false for older versions. */
    public TermLabels terms() {
        return terms;
    }

    /** A rule by its stable id. */
    public java.util.Optional<RuleInfo> rule(String id) {
        return java.util.Optional.ofNullable(rulesById.get(id));
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /** Sessions on this version's KieBase, reset and reused instead of built for every decision. */
    public SessionPool sessions() {
        return sessions;
    }

    /** Every rule, in file and source order. */
    public List<RuleInfo> rules() {
        return rules;
    }

    public Instant compiledAt() {
        return compiledAt;
    }

    /** The stable id of one of this version's rules, as {@link #idOf} reads it. */
    public String ruleIdOf(Rule rule) {
        String id = idsByRule.get(rule);
        return id != null ? id : idOf(rule);
    }

    /** The stable id of a Drools rule; the compiler guarantees every rule has one. */
    public static String idOf(Rule rule) {
        Map<String, Object> meta = rule.getMetaData();
        Object id = meta.get(ID_KEY);
        return id == null ? rule.getName() : id.toString();
    }
}

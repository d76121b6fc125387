package io.triage.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.audit.ReplayInput;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.decision.DecisionRecord;
import io.triage.engine.EvaluationBudget;
import io.triage.engine.EvaluationException;
import io.triage.engine.Evaluator;
import io.triage.golden.GoldenCaseYaml;
import io.triage.history.RuleSetCandidate;
import io.triage.json.CanonicalJson;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetFiles;
import io.triage.store.DecisionQueries;
import io.triage.store.RuleSetHistory;
import io.triage.store.RuleSetRepository;
import io.triage.worker.Worker;
import io.triage.worker.WorkerRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The workbench's test bench: one questionnaire run on a version and, beside it, on the active
 * version, each with what a decision would store (recommendations with evidence, cost, trace).
 * Nothing is stored. A version other than the active one runs in the confined worker, like all
 * rule code not yet trusted; the active version runs here. The result can become a golden case
 * of a new candidate.
 */
@ApplicationScoped
public class TryOut {

    private static final Pattern CASE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,80}");

    /**
     * One side of the comparison: the record a decision would store ({@code record}), or why there is
     * none: the version does not compile ({@code errors}), the answers do not fit its questionnaire
     * ({@code answerErrors}), or the evaluation failed ({@code failure}).
     */
    public record Side(String version, JsonNode record, List<InputError> errors, List<InputError> answerErrors, String failure) {

        public List<String> codes() {
            List<String> codes = new ArrayList<>();
            if (record != null) {
                record.path("recommendations").forEach(r -> codes.add(r.path("code").asText()));
            }
            return codes;
        }

        public boolean evaluated() {
            return record != null;
        }
    }

    /** Both sides, and the codes only one of them recommends. */
    public record Result(JsonNode answers, Side candidate, Side active, List<String> onlyCandidate, List<String> onlyActive) {
    }

    private final Worker worker;
    private final Evaluator evaluator;
    private final EvaluationBudget budget;
    private final ActiveRuleSet active;
    private final RuleSetHistory history;
    private final RuleSetRepository repository;
    private final DecisionQueries decisions;

    TryOut(Worker worker, Evaluator evaluator, ActiveRuleSet active, RuleSetHistory history, RuleSetRepository repository,
           DecisionQueries decisions) {
        this.worker = worker;
        this.evaluator = evaluator;
        this.budget = evaluator.budget();
        this.active = active;
        this.history = history;
        this.repository = repository;
        this.decisions = decisions;
    }

    /**
     * @param answers the answers as given (no defaults applied), as {@code POST /api/decisions} takes them
     * @throws ActivationRefusedException the version does not compile
     * @throws io.triage.worker.WorkerFailure the version timed out or killed its worker on these answers
     */
    public Result tryOn(String version, JsonNode answers) {
        RuleSetCandidate candidate = history.candidate(version)
                .orElseThrow(() -> new NotFoundException("no rule-set version " + version));
        if (!candidate.report().path("compiled").asBoolean()) {
            throw new ActivationRefusedException("version " + version + " does not compile; there is nothing to try");
        }
        RuleSet current = active.require();
        Side activeSide = here(current, answers);
        Side candidateSide = version.equals(current.version()) ? activeSide : confined(version, answers);
        Set<String> a = new LinkedHashSet<>(activeSide.codes());
        Set<String> c = new LinkedHashSet<>(candidateSide.codes());
        return new Result(answers, candidateSide, activeSide, c.stream().filter(code -> !a.contains(code)).toList(),
                a.stream().filter(code -> !c.contains(code)).toList());
    }

    /** The answers a stored decision was given (without the defaults applied to it), to try them again. */
    public ObjectNode answersOf(String decisionId) {
        return decisions.find(decisionId).map(d -> ReplayInput.of(d).givenAnswers())
                .orElseThrow(() -> new NotFoundException("no decision " + decisionId));
    }

    /**
     * The version's files with one more golden case, {@code test-cases/<name>.yaml}, that expects what
     * the version recommended on these answers and, where the active version recommended more, that
     * those codes stay absent.
     */
    public RuleSetFiles withGoldenCase(String version, String name, String description, Result tried) {
        List<InputError> errors = new ArrayList<>();
        if (name == null || !CASE_NAME.matcher(name).matches()) {
            errors.add(InputError.field("name", "invalid_name", "a golden case's name is lower-case letters, digits and '-', "
                    + "for example long-prompt-at-1200-tokens"));
        }
        if (description == null || description.isBlank()) {
            errors.add(InputError.field("description", "required", "say in a sentence what the case shows"));
        }
        if (!tried.candidate().evaluated() || (tried.candidate().codes().isEmpty() && tried.onlyActive().isEmpty())) {
            errors.add(InputError.field("answers", "nothing_to_expect", "this version recommends nothing on these answers, "
                    + "so a golden case would expect nothing"));
        }
        RuleSetFiles files = repository.find(version).orElseThrow(() -> new NotFoundException("no rule-set version " + version)).files();
        String path = RuleSetFiles.TEST_CASES + name + ".yaml";
        if (errors.isEmpty() && files.get(path) != null) {
            errors.add(InputError.field("name", "exists", "version already has a golden case '" + name + "'; choose another name"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the golden case cannot be saved", errors);
        }
        String yaml = GoldenCaseYaml.write(description.strip(), tried.answers(), tried.candidate().codes(), tried.onlyActive());
        return files.with(Map.of(path, yaml));
    }

    private Side here(RuleSet ruleSet, JsonNode answers) {
        try {
            EffectiveAnswers effective = AnswerValidator.validate(ruleSet.questionnaire(), answers);
            byte[] record = DecisionRecord.canonical("", "", "", effective.questionnaireVersion(), ruleSet.version(), effective,
                    evaluator.evaluate(ruleSet, effective)).bytes();
            return new Side(ruleSet.version(), CanonicalJson.parse(new String(record, StandardCharsets.UTF_8)), List.of(), List.of(), null);
        } catch (InvalidInputException e) {
            return new Side(ruleSet.version(), null, List.of(), e.errors(), null);
        } catch (EvaluationException e) {
            return new Side(ruleSet.version(), null, List.of(), List.of(), e.getMessage());
        }
    }

    private Side confined(String version, JsonNode answers) {
        RuleSetFiles files = repository.find(version).orElseThrow(() -> new NotFoundException("no rule-set version " + version)).files();
        JsonNode result = worker.run(WorkerRequests.evaluate(files, budget, answers));
        if (!result.path("compiled").asBoolean()) {
            return new Side(version, null, errors(result.path("errors")), List.of(), null);
        }
        return new Side(version, result.hasNonNull("record") ? result.get("record") : null, List.of(),
                errors(result.path("answerErrors")), result.hasNonNull("failure") ? result.get("failure").asText() : null);
    }

    private static List<InputError> errors(JsonNode array) {
        List<InputError> errors = new ArrayList<>();
        array.forEach(e -> errors.add(CanonicalJson.MAPPER.convertValue(e, InputError.class)));
        return errors;
    }
}

package io.triage.web.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import io.triage.common.InputError;
import io.triage.json.CanonicalJson;
import io.triage.policy.TryOut;
import io.triage.questionnaire.Questionnaire;
import io.triage.web.DecisionView;
import io.triage.web.WhyTree;
import io.triage.web.presales.FormView;

import java.util.List;
import java.util.Optional;

/**
 * The test bench page: the questionnaire of the version tried (with what was typed, or the answers
 * taken from a stored decision), and once run, the version's result beside the active version's,
 * each with its recommendations, why-tree, cost and trace, the codes only one side recommends marked.
 */
@TemplateData
public record TryView(String version, String activeVersion, boolean isActive, FormView form, String decisionId,
                      String loadError, Side candidate, Side active, List<String> onlyCandidate, List<String> onlyActive,
                      String answersJson, String suggestedName, String suggestedDescription, List<String> saveErrors) {

    /** One version's result: the decision it would make, or why it made none. */
    @TemplateData
    public record Side(String version, DecisionView decision, WhyTree why, List<String> problems) {

        public boolean evaluated() {
            return decision != null;
        }
    }

    static TryView form(String version, String activeVersion, FormView form, String decisionId, String loadError) {
        return new TryView(version, activeVersion, version.equals(activeVersion), form, decisionId, loadError, null, null,
                List.of(), List.of(), null, null, null, List.of());
    }

    static TryView result(String version, String activeVersion, FormView form, TryOut.Result result,
                          Optional<Questionnaire> candidateQuestionnaire, Optional<Questionnaire> activeQuestionnaire,
                          String name, String description, List<String> saveErrors) {
        return new TryView(version, activeVersion, version.equals(activeVersion), form, null, null,
                side(result.candidate(), candidateQuestionnaire), side(result.active(), activeQuestionnaire),
                result.onlyCandidate(), result.onlyActive(), CanonicalJson.string(result.answers()),
                name, description, saveErrors);
    }

    public boolean ran() {
        return candidate != null;
    }

    public boolean onlyInCandidate(String code) {
        return onlyCandidate.contains(code);
    }

    public boolean onlyInActive(String code) {
        return onlyActive.contains(code);
    }

    private static Side side(TryOut.Side side, Optional<Questionnaire> questionnaire) {
        List<String> problems = new java.util.ArrayList<>();
        side.errors().forEach(e -> problems.add(e.describe()));
        side.answerErrors().forEach(e -> problems.add("answer " + e.describe()));
        if (side.failure() != null) {
            problems.add("the evaluation failed: " + side.failure());
        }
        JsonNode record = side.record();
        return new Side(side.version(), record == null ? null : DecisionView.of(record, questionnaire),
                record == null ? null : WhyTree.of(record), problems);
    }

    static List<String> describe(List<InputError> errors) {
        return errors.stream().map(InputError::describe).toList();
    }
}

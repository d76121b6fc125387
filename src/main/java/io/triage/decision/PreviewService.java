package io.triage.decision;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.engine.Evaluation;
import io.triage.engine.EvaluationJson;
import io.triage.engine.Evaluator;
import io.triage.json.CanonicalWriter;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.RuleSet;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a decision on these answers would say now, without making one: the same validation and
 * evaluation on the active version as {@link DecisionService}, and nothing written anywhere (no id,
 * no time, no hash, not in the log, not in the metrics). Each user may ask a limited number of times
 * a minute ({@link PreviewLimiter}), so a form that previews as it is filled cannot load the engine.
 */
@ApplicationScoped
public class PreviewService {

    private final ActiveRuleSet active;
    private final Evaluator evaluator;
    private final PreviewLimiter limiter;

    PreviewService(ActiveRuleSet active, Evaluator evaluator, PreviewLimiter limiter) {
        this.active = active;
        this.evaluator = evaluator;
        this.limiter = limiter;
    }

    /** A preview evaluated for the page: the answers as validated and what the rules conclude. */
    public record Preview(RuleSet ruleSet, EffectiveAnswers answers, Evaluation evaluation) {
    }

    /**
     * @throws PreviewLimiter.TooManyPreviews past the user's rate
     * @throws io.triage.common.InvalidInputException naming every bad answer
     */
    public Preview evaluate(JsonNode answersJson, String user) {
        limiter.acquire(user);
        // INVARIANT: the version is read once; validation and evaluation use this one version.
        RuleSet ruleSet = active.require();
        EffectiveAnswers answers = AnswerValidator.validate(ruleSet.questionnaire(), answersJson);
        return new Preview(ruleSet, answers, evaluator.evaluate(ruleSet, answers));
    }

    /**
     * {@code {"preview": true, "stored": false, "rulesetVersion", "questionnaireVersion", "answers",
     * "defaultsApplied", "recommendations", "cost"}} in canonical JSON: a decision's fields that depend
     * on the answers and rules, none of those a stored decision has (id, time, user, trace, hashes).
     */
    public byte[] preview(JsonNode answersJson, String user) {
        Preview p = evaluate(answersJson, user);
        CanonicalWriter w = new CanonicalWriter().startObject();
        w.key("answers").tree(p.answers().toJson());
        w.key("cost");
        EvaluationJson.writeCost(w, p.evaluation().cost());
        w.key("defaultsApplied").tree(p.answers().defaultsAppliedJson());
        w.key("preview").bool(true);
        w.key("questionnaireVersion").string(p.answers().questionnaireVersion());
        w.key("recommendations");
        EvaluationJson.writeRecommendations(w, p.evaluation().recommendations());
        w.key("rulesetVersion").string(p.ruleSet().version());
        w.key("stored").bool(false);
        return w.endObject().toBytes();
    }
}

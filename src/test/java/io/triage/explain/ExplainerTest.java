package io.triage.explain;

import io.triage.testing.ShippedRules;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.engine.Evaluator;
import io.triage.json.CanonicalJson;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.questionnaire.Question;
import io.triage.rules.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What would change the advice, and what to ask next, checked against the engine itself: every
 * threshold is exact at its boundary (one step below changes the advice, the threshold does not, or
 * the other way round going up), every listed change really adds or removes its code, and every
 * suggested question really changes the outcome when answered as suggested.
 */
class ExplainerTest {

    private static RuleSet ruleSet;
    private static final Evaluator evaluator = new Evaluator();
    private final Explainer explainer = new Explainer(evaluator);

    static final String LORA = """
            {"task_type": "classification", "format_consistency_critical": true,
             "monthly_calls": 1000000, "model_hosting": "provider_api", "says_train_own_model": true,
             "behavior_change_frequency": "quarterly"}""";
    static final String POLICY = """
            {"task_type": "policy_analysis", "monthly_calls": 200000, "interaction_mode": "interactive",
             "system_prompt_tokens": 1800, "data_classification": "classified", "training_examples": 400,
             "must_know_org_content": true}""";
    static final String LOW_VOLUME = """
            {"task_type": "extraction", "format_consistency_critical": true, "monthly_calls": 20000}""";

    @BeforeAll
    static void compile() {
        ruleSet = ShippedRules.compiled();
    }

    private static EffectiveAnswers answers(String json) {
        return AnswerValidator.validate(ruleSet.questionnaire(), CanonicalJson.parse(json));
    }

    private static List<String> codes(String json, String question, Object value) {
        ObjectNode given = (ObjectNode) CanonicalJson.parse(json);
        if (value instanceof BigDecimal n) {
            given.put(question, n);
        } else if (value instanceof Boolean b) {
            given.put(question, b);
        } else {
            given.put(question, (String) value);
        }
        return evaluator.evaluate(ruleSet, answers(given.toString())).recommendations().stream()
                .map(io.triage.engine.RecommendationResult::code).toList();
    }

    private static List<String> codes(String json) {
        return evaluator.evaluate(ruleSet, answers(json)).recommendations().stream()
                .map(io.triage.engine.RecommendationResult::code).toList();
    }

    @Test
    void loraHasAnExactCallVolumeThresholdBelowWhichItIsNoLongerRecommended() {
        WhatWouldChange result = explainer.whatWouldChange("d", ruleSet, answers(LORA));
        assertThat(result.complete()).isTrue();
        WhatWouldChange.CodeChanges lora = result.codes().stream().filter(c -> c.code().equals("FINE_TUNE_LORA")).findFirst().orElseThrow();
        assertThat(lora.present()).isTrue();
        WhatWouldChange.Change calls = lora.changes().stream()
                .filter(c -> c.question().equals("monthly_calls") && c.direction().equals("below")).findFirst().orElseThrow();
        assertThat(calls.effect()).isEqualTo("removes");
        assertThat(calls.threshold()).isEqualByComparingTo("100000");
        assertThat(codes(LORA, "monthly_calls", calls.threshold())).contains("FINE_TUNE_LORA");
        assertThat(codes(LORA, "monthly_calls", calls.threshold().subtract(BigDecimal.ONE))).doesNotContain("FINE_TUNE_LORA");
    }

    /** Every change listed, for several decisions: one step on the near side keeps the advice, the change does not. */
    @Test
    void everyListedChangeIsExactAndReallyChangesItsCode() {
        for (String json : List.of(LORA, POLICY, LOW_VOLUME)) {
            List<String> now = codes(json);
            WhatWouldChange result = explainer.whatWouldChange("d", ruleSet, answers(json));
            assertThat(result.complete()).isTrue();
            assertThat(result.codesNow()).containsExactlyElementsOf(now);
            assertThat(result.codes().stream().filter(WhatWouldChange.CodeChanges::present).map(WhatWouldChange.CodeChanges::code))
                    .containsExactlyInAnyOrderElementsOf(now);
            for (WhatWouldChange.CodeChanges code : result.codes()) {
                for (WhatWouldChange.Change change : code.changes()) {
                    String what = json + " " + code.code() + " " + change;
                    boolean present = now.contains(code.code());
                    assertThat(change.effect()).as(what).isEqualTo(present ? "removes" : "adds");
                    assertThat(codes(json, change.question(), change.to()).contains(code.code())).as(what).isNotEqualTo(present);
                    if (change.threshold() != null) {
                        Question q = ruleSet.questionnaire().question(change.question()).orElseThrow();
                        BigDecimal step = Probe.step(q, (BigDecimal) change.from());
                        BigDecimal t = change.threshold();
                        if (change.direction().equals("below")) {
                            assertThat(codes(json, change.question(), t).contains(code.code())).as("at " + what).isEqualTo(present);
                            assertThat(codes(json, change.question(), t.subtract(step)).contains(code.code())).as("below " + what).isNotEqualTo(present);
                        } else {
                            assertThat(codes(json, change.question(), t.subtract(step)).contains(code.code())).as("below " + what).isEqualTo(present);
                            assertThat(codes(json, change.question(), t).contains(code.code())).as("at " + what).isNotEqualTo(present);
                        }
                    }
                }
            }
        }
    }

    @Test
    void fineTuningAskedAboutButNotPayingBackSaysWhatVolumeWouldBringItIn() {
        String json = LOW_VOLUME.replace("}", ", \"says_train_own_model\": true}");
        WhatWouldChange result = explainer.whatWouldChange("d", ruleSet, answers(json));
        WhatWouldChange.CodeChanges lora = result.codes().stream().filter(c -> c.code().equals("FINE_TUNE_LORA")).findFirst().orElseThrow();
        assertThat(lora.present()).isFalse();
        assertThat(lora.askedAbout()).isTrue();
        assertThat(lora.changes()).anyMatch(c -> c.question().equals("monthly_calls") && c.direction().equals("from")
                && c.effect().equals("adds"));
    }

    @Test
    void sameDecisionSameAnswer() {
        assertThat(explainer.whatWouldChange("d", ruleSet, answers(POLICY)))
                .isEqualTo(explainer.whatWouldChange("d", ruleSet, answers(POLICY)));
        assertThat(explainer.askNext("d", ruleSet, answers(POLICY), given(POLICY)))
                .isEqualTo(explainer.askNext("d", ruleSet, answers(POLICY), given(POLICY)));
    }

    @Test
    void aSearchPastItsLimitSaysItIsIncomplete() {
        WhatWouldChange result = new Explainer(evaluator, 20).whatWouldChange("d", ruleSet, answers(LORA));
        assertThat(result.complete()).isFalse();
        assertThat(result.evaluations()).isEqualTo(20);
    }

    private static Set<String> given(String json) {
        Set<String> ids = new LinkedHashSet<>();
        CanonicalJson.parse(json).fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    /** Every suggested question, answered as suggested, changes the strategy or adds a blocking prerequisite as it says. */
    @Test
    void suggestedQuestionsReallyChangeTheOutcome() {
        for (String json : List.of(LORA, POLICY, LOW_VOLUME, "{\"task_type\": \"classification\"}")) {
            List<String> now = codes(json);
            AskNext next = explainer.askNext("d", ruleSet, answers(json), given(json));
            assertThat(next.complete()).isTrue();
            assertThat(next.questions()).as(json).isNotEmpty();
            List<Integer> weights = new ArrayList<>();
            for (AskNext.Suggestion s : next.questions()) {
                assertThat(given(json)).doesNotContain(s.question());
                weights.add(s.weight());
                for (AskNext.Outcome o : s.outcomes()) {
                    List<Object> tries = o.answer() != null ? List.of(o.answer()) : List.of(o.from(), o.to());
                    for (Object answer : tries) {
                        List<String> then = codes(json, s.question(), answer);
                        String what = json + " " + s.question() + "=" + answer;
                        o.adds().forEach(c -> assertThat(then).as(what).contains(c));
                        o.removes().forEach(c -> assertThat(then).as(what).doesNotContain(c));
                        assertThat(o.adds()).as(what).allMatch(c -> !now.contains(c));
                        assertThat(o.removes()).as(what).allMatch(now::contains);
                    }
                }
            }
            assertThat(weights).as("most consequential first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        }
    }

    @Test
    void unknownVolumeIsTheQuestionToAskForANarrowTask() {
        String json = "{\"task_type\": \"classification\", \"format_consistency_critical\": true}";
        AskNext next = explainer.askNext("d", ruleSet, answers(json), given(json));
        AskNext.Suggestion calls = next.questions().stream().filter(s -> s.question().equals("monthly_calls")).findFirst().orElseThrow();
        assertThat(calls.outcomes()).anyMatch(o -> o.adds().contains("FINE_TUNE_LORA") && o.from().compareTo(new BigDecimal("100000")) == 0);
    }
}

package io.triage.web;

import io.triage.testing.ShippedRules;
import io.triage.decision.DecisionRecord;
import io.triage.engine.Evaluator;
import io.triage.json.CanonicalJson;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The result page's reading of a stored decision: cost v2 figures, the stepped chart, parameters as evidence. */
class DecisionViewTest {

    private static RuleSet ruleSet;

    @BeforeAll
    static void compile() {
        ruleSet = ShippedRules.compiled();
    }

    private static DecisionView view(String answers) {
        EffectiveAnswers effective = AnswerValidator.validate(ruleSet.questionnaire(), CanonicalJson.parse(answers));
        byte[] record = DecisionRecord.canonical("d-1", Instant.parse("2026-11-29T00:00:00Z"), "presales", ruleSet.version(),
                effective, new Evaluator().evaluate(ruleSet, effective)).bytes();
        return DecisionView.of(CanonicalJson.parse(new String(record, StandardCharsets.UTF_8)), Optional.of(ruleSet.questionnaire()));
    }

    @Test
    void showsTheRetrainingFiguresAndAStepForEachRetraining() {
        DecisionView view = view("{\"task_type\": \"classification\", \"format_consistency_critical\": true,"
                + " \"monthly_calls\": 150000, \"behavior_change_frequency\": \"quarterly\"}");
        DecisionView.Cost cost = view.cost();
        assertThat(cost.retrainingCost()).isEqualTo("$166.67");
        assertThat(cost.netSaving()).isEqualTo("$358.33");
        assertThat(cost.trainingRuns()).isEqualTo("5");
        assertThat(cost.highVolume()).isEqualTo("yes (from 100,000 calls a month)");
        assertThat(cost.breakEven()).isEqualTo("1.4 months");
        assertThat(cost.chart().breakEven().label()).isEqualTo("break-even after 1.4 months");
        assertThat(cost.chart().fineTunedPoints().split(" ")).hasSize(13 + 4);
        assertThat(cost.assumptions()).anySatisfy(a -> {
            assertThat(a.question()).isEqualTo("high_volume_calls_per_month");
            assertThat(a.parameter()).isTrue();
            assertThat(a.value()).isEqualTo("100,000");
        });
        DecisionView.Item lora = view.strategies().get(0);
        assertThat(lora.code()).isEqualTo("FINE_TUNE_LORA");
        assertThat(lora.rationale()).contains("1.4 months");
        assertThat(lora.evidence()).filteredOn(DecisionView.AnswerLine::parameter).extracting(DecisionView.AnswerLine::question)
                .containsExactly("high_volume_calls_per_month");
    }

    @Test
    void aNegativeNetSavingNeverBreaksEven() {
        DecisionView.Cost cost = view("{\"monthly_calls\": 20000, \"behavior_change_frequency\": \"weekly\"}").cost();
        assertThat(cost.netSaving()).isEqualTo("-$2,096.67");
        assertThat(cost.breakEven()).isEqualTo("never (no saving once retraining is paid)");
        assertThat(cost.highVolume()).startsWith("no");
        assertThat(cost.assumptions()).anySatisfy(a -> {
            assertThat(a.question()).isEqualTo("behavior_change_frequency");
            assertThat(a.value()).isEqualTo("Weekly");
        });
    }

    @Test
    void anUnansweredChangeFrequencyIsListedAsAnAssumption() {
        DecisionView.Cost cost = view("{\"monthly_calls\": 1000000}").cost();
        assertThat(cost.assumptions()).anySatisfy(a -> {
            assertThat(a.question()).isEqualTo("behavior_change_frequency");
            assertThat(a.value()).isEqualTo("not answered");
        });
        assertThat(cost.trainingRuns()).isEqualTo("1");
    }
}

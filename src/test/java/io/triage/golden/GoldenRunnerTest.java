package io.triage.golden;

import io.triage.testing.ShippedRules;
import io.triage.common.InvalidInputException;
import io.triage.engine.Evaluator;
import io.triage.rules.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoldenRunnerTest {

    private static RuleSet ruleSet;
    private final GoldenRunner runner = new GoldenRunner(new Evaluator());

    @BeforeAll
    static void compile() {
        ruleSet = ShippedRules.compiled();
    }

    @Test
    void reportsExpectedVersusGotWhenACaseFails() {
        GoldenCase wrong = GoldenCases.parse("test-cases/wrong.yaml", """
                description: deliberately wrong expectations
                answers: { task_type: policy_analysis, monthly_calls: 1000000 }
                expect:
                  present: [FINE_TUNE_LORA]
                  absent: [FRONTIER_MODEL]
                  rules: [no-such-rule]
                  cost: { monthlyPromptCost: 4999, breakEvenMonths: 0.143 }
                """);
        CaseResult result = runner.run(ruleSet, wrong);
        assertThat(result.passed()).isFalse();
        assertThat(result.failures()).containsExactly(
                "expected FINE_TUNE_LORA to be recommended; got FRONTIER_MODEL, FINE_TUNE_LATER",
                "expected FRONTIER_MODEL not to be recommended; got FRONTIER_MODEL, FINE_TUNE_LATER",
                "expected rule 'no-such-rule' to fire, but the rule set has no rule with that id",
                "expected monthlyPromptCost 4999; got 5000");
    }

    @Test
    void costFiguresCompareToTheDecimalsWritten() {
        GoldenCase precise = GoldenCases.parse("test-cases/precise.yaml", """
                description: break-even written with more decimals than the estimate supports
                answers: { monthly_calls: 1000000 }
                expect:
                  cost: { breakEvenMonths: 0.1429 }
                """);
        GoldenCase tooPrecise = GoldenCases.parse("test-cases/too-precise.yaml", """
                description: a wrong fourth decimal
                answers: { monthly_calls: 1000000 }
                expect:
                  cost: { breakEvenMonths: 0.1428 }
                """);
        assertThat(runner.run(ruleSet, precise).passed()).isTrue();
        assertThat(runner.run(ruleSet, tooPrecise).failures())
                .containsExactly("expected breakEvenMonths 0.1428; got 0.14285714285714285");
    }

    @Test
    void invalidAnswersInACaseFailItWithTheQuestionNamed() {
        GoldenCase invalid = GoldenCases.parse("test-cases/invalid.yaml", """
                description: answers the questionnaire refuses
                answers: { task_type: poetry }
                expect: { absent: [RAG] }
                """);
        assertThat(runner.run(ruleSet, invalid).failures())
                .singleElement().asString().startsWith("answers are invalid: task_type: 'poetry' is not one of");
    }

    @Test
    void unknownFieldsInACaseFileAreRejectedWithTheirLine() {
        assertThatThrownBy(() -> GoldenCases.parse("test-cases/typo.yaml", """
                description: a typo in a key
                answers: {}
                expect:
                  presnt: [RAG]
                """))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(err -> {
                            assertThat(err.file()).isEqualTo("test-cases/typo.yaml");
                            assertThat(err.line()).isEqualTo(4);
                            assertThat(err.message()).startsWith("unknown key 'presnt'");
                        }));
    }
}

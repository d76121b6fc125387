package io.triage.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import io.triage.engine.Evaluator;
import io.triage.golden.CaseResult;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.golden.GoldenRunner;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariants in the activation gate: a candidate that keeps every golden case but breaks an
 * invariant is refused, with the smallest counterexample found, written as a golden case.
 */
class InvariantGateTest {

    private static final RuleSetFiles SHIPPED = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
    private final GoldenRunner runner = new GoldenRunner(new Evaluator());
    private final RuleSetValidator validator = new RuleSetValidator(new RuleSetCompiler(), runner,
            new RuleSetValidator.Options(300, 12));

    @Test
    void theShippedRuleSetKeepsEveryInvariantAndHasNothingUnused() {
        ValidationReport report = validator.validate(SHIPPED).report();
        assertThat(report.passed()).as(report.problems().toString()).isTrue();
        assertThat(report.invariants().invariants()).isEqualTo(18);
        assertThat(report.invariants().samples()).isGreaterThan(300 + 111);
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void aCandidateThatPassesEveryGoldenCaseButBreaksAnInvariantIsRefusedWithItsCounterexample() {
        // COLLECT_TRAINING_EXAMPLES back on v1's condition (fine-tuning merely on the table), and the two
        // golden cases that would notice removed: every remaining case passes
        String prerequisites = SHIPPED.get("rules/30-prerequisites.drl");
        String v1 = prerequisites.replace("    Recommendation(code in (\"FINE_TUNE_LORA\", \"FINE_TUNE_LATER\"))\n    Parameter(",
                "    Term(name == \"fine_tuning_on_the_table\")\n    Parameter(");
        assertThat(v1).isNotEqualTo(prerequisites);
        Map<String, String> changes = new HashMap<>();
        changes.put("rules/30-prerequisites.drl", v1);
        changes.put("test-cases/no-collect-examples-when-only-asked-to-train.yaml", "");
        changes.put("test-cases/full-questionnaire-classified-policy-assistant.yaml", "");
        RuleSetFiles candidate = SHIPPED.with(changes);

        RuleSetValidator.Outcome outcome = validator.validate(candidate);
        ValidationReport report = outcome.report();
        assertThat(report.golden().passed()).as("every golden case passes and every rule is covered").isTrue();
        assertThat(report.passed()).isFalse();
        assertThat(report.invariants().violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo("collect-examples-only-with-fine-tuning");
            assertThat(v.file()).isEqualTo("rules/invariants.yaml");
            assertThat(SHIPPED.get(RuleSetFiles.INVARIANTS).lines().toList().get(v.line() - 1))
                    .contains("id: collect-examples-only-with-fine-tuning");
            assertThat(v.concluded()).contains("COLLECT_TRAINING_EXAMPLES").doesNotContain("FINE_TUNE_LORA", "FINE_TUNE_LATER");
            // shrunk: one answer puts fine-tuning on the table, the other is the number of examples
            assertThat(v.answers().size()).isEqualTo(2);
            assertThat(v.answers().has("training_examples")).isTrue();
            assertThat(v.answers().get("training_examples").decimalValue()).isLessThan(new BigDecimal(1000));

            // the counterexample is a golden case: it fails on the candidate and passes on the shipped rules
            GoldenCase pasted = GoldenCases.parse("test-cases/counterexample.yaml", v.counterexample());
            assertThat(pasted.expect().absent()).containsExactly("COLLECT_TRAINING_EXAMPLES");
            CaseResult onCandidate = runner.run(outcome.ruleSet(), pasted);
            assertThat(onCandidate.passed()).isFalse();
            assertThat(runner.run(new RuleSetCompiler().compileOrThrow(SHIPPED), pasted).passed()).isTrue();
        });
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).startsWith("rules/invariants.yaml:")
                .contains("invariant 'collect-examples-only-with-fine-tuning' is broken by"));
        JsonNode json = report.toJson();
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("invariants").path("violations").get(0).path("counterexample").asText())
                .startsWith("# Breaks invariant 'collect-examples-only-with-fine-tuning' (rules/invariants.yaml:");
    }

    @Test
    void anInvariantThatComparesAnAnswerWithAParameterIsCheckedAgainstThatParameter() {
        // LoRA without its high-volume condition; the golden cases that would notice removed
        String strategies = SHIPPED.get("rules/20-strategies.drl");
        String noVolume = strategies.replace("    Term(name == \"high_volume\")\n    Term(name == \"amortizes\")\n    CostEstimate(retrainingCostPerMonth == 0)",
                "    Term(name == \"amortizes\")\n    CostEstimate(retrainingCostPerMonth == 0)");
        assertThat(noVolume).isNotEqualTo(strategies);
        Map<String, String> changes = new HashMap<>();
        changes.put("rules/20-strategies.drl", noVolume);
        for (String name : new String[] {"no-lora-just-below-the-high-volume-threshold", "no-lora-at-twelve-thousand-calls"}) {
            changes.put("test-cases/" + name + ".yaml", "");
        }
        ValidationReport report = validator.validate(SHIPPED.with(changes)).report();
        assertThat(report.golden().allCasesPass()).isTrue();
        Violation v = report.invariants().violations().stream()
                .filter(x -> x.invariant().equals("fine-tuning-only-at-high-volume")).findFirst().orElseThrow();
        assertThat(v.concluded()).contains("FINE_TUNE_LORA");
        assertThat(v.answers().get("monthly_calls").decimalValue()).isLessThan(new BigDecimal(100_000));
        assertThat(v.answers().size()).isLessThanOrEqualTo(4);
        assertThat(v.counterexample()).contains("absent: [FINE_TUNE_LORA]")
                .contains("these answers cannot change, so the rules must not conclude FINE_TUNE_LORA");
        GoldenCase pasted = GoldenCases.parse("test-cases/counterexample.yaml", v.counterexample());
        assertThat(runner.run(new RuleSetCompiler().compileOrThrow(SHIPPED), pasted).passed()).isTrue();

        // the same rule set with the threshold lowered to what the broken rule does: the invariant holds again
        String parameters = SHIPPED.get(RuleSetFiles.PARAMETERS).replace("value: 100000", "value: 0");
        changes.put(RuleSetFiles.PARAMETERS, parameters);
        changes.put("test-cases/no-fine-tune-later-just-below-the-high-volume-threshold.yaml", "");
        ValidationReport lowered = validator.validate(SHIPPED.with(changes)).report();
        // golden cases that pin the old threshold fail at 0, and invariants are checked only once the
        // golden cases pass: without those cases, they are
        for (CaseResult failed : lowered.golden().failures()) {
            changes.put(failed.file(), "");
        }
        lowered = validator.validate(SHIPPED.with(changes)).report();
        assertThat(lowered.golden().allCasesPass()).isTrue();
        assertThat(lowered.invariants().violations()).extracting(Violation::invariant)
                .doesNotContain("fine-tuning-only-at-high-volume");
    }

    @Test
    void theCheckIsReproducible() {
        String strategies = SHIPPED.get("rules/20-strategies.drl");
        RuleSetFiles broken = SHIPPED.with(Map.of("rules/20-strategies.drl",
                strategies.replace("    Answer(question == \"task_type\")\n    not Answer(question == \"monthly_calls\")",
                        "    Term(name == \"narrow_task\")\n    not Answer(question == \"monthly_calls\")"),
                "test-cases/prompting-for-an-open-ended-assistant-without-volume.yaml", ""));
        JsonNode first = validator.validate(broken).report().toJson();
        JsonNode second = validator.validate(broken).report().toJson();
        assertThat(first.path("invariants").path("violations")).isNotEmpty().isEqualTo(second.path("invariants").path("violations"));
        // v1's PROMPTING condition: an open-ended assistant without a volume got no strategy at all
        assertThat(first.path("invariants").path("violations").get(0).path("invariant").asText())
                .isEqualTo("a-task-or-a-volume-gets-a-strategy");
        assertThat(first.path("invariants").path("violations").get(0).path("answers").toString())
                .isEqualTo("{\"task_type\":\"open_ended_assistant\"}");
    }

    @Test
    void mistakesInTheInvariantsFileAreErrorsAtTheirLine() {
        String invariants = """
                invariants:
                  - id: lora-needs-volume
                    description: "LoRA only at volume."
                    when: { present: [FINE_TUNE_LORRA] }
                    then:
                      answers: { monthly_calls: { atLeast: high_volume_calls } , task_type: poetry }
                  - id: no-then
                    description: "neither then nor never"
                    when: { present: [RAG] }
                """;
        ValidationReport report = validator.validate(SHIPPED.with(Map.of(RuleSetFiles.INVARIANTS, invariants))).report();
        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).extracting(InputError::line).containsExactly(4, 6, 6, 7);
        assertThat(report.errors()).extracting(InputError::message).containsExactly(
                "invariant 'lora-needs-volume' when: code 'FINE_TUNE_LORRA' has no entry in rules/recommendations.yaml",
                "invariant 'lora-needs-volume' then: monthly_calls: parameter 'high_volume_calls' is not defined in rules/parameters.yaml",
                "invariant 'lora-needs-volume' then: task_type: \"poetry\" is not an answer to this choice question (one of "
                        + "classification, extraction, templated_response, summarization, policy_analysis, "
                        + "multi_document_synthesis, novel_scenarios, open_ended_assistant)",
                "invariant 'no-then' needs exactly one of 'then' and 'never'");
    }

    @Test
    void unusedQuestionsCodesVariantsAndParametersAreWarningsThatDoNotRefuse() {
        Map<String, String> changes = new HashMap<>();
        changes.put(RuleSetFiles.QUESTIONNAIRE, SHIPPED.get(RuleSetFiles.QUESTIONNAIRE) + """

                  - id: procurement
                    title: "Procurement"
                    questions:
                      - id: budget_approved
                        type: yes_no
                        label: "Is the budget approved?"
                """);
        changes.put(RuleSetFiles.PARAMETERS, SHIPPED.get(RuleSetFiles.PARAMETERS) + """

                  - name: max_pilot_weeks
                    value: 6
                    unit: weeks
                    meaning: "Longest pilot before a decision."
                    source: "nowhere yet"
                """);
        changes.put(RuleSetFiles.RECOMMENDATIONS, SHIPPED.get(RuleSetFiles.RECOMMENDATIONS)
                .replace("    variants:\n      changing_content:", "    variants:\n      unused_reason: \"Never chosen.\"\n      changing_content:") + """

                  - code: PILOT_FIRST
                    kind: prerequisite
                    title: "Run a small pilot first"
                    rationale: "A pilot shows value before money is committed."
                """);
        ValidationReport report = validator.validate(SHIPPED.with(changes)).report();
        assertThat(report.passed()).as(report.problems().toString()).isTrue();
        assertThat(report.warnings()).extracting(InputError::code)
                .containsExactly("unread_question", "unchosen_variant", "unconcluded_code", "unused_parameter");
        assertThat(report.warnings()).allSatisfy(w -> {
            String line = SHIPPED.with(changes).get(w.file()).lines().toList().get(w.line() - 1);
            assertThat(line).containsAnyOf("budget_approved", "unused_reason", "PILOT_FIRST", "max_pilot_weeks");
        });
        assertThat(report.warnings()).extracting(InputError::message).containsExactly(
                "no rule reads question 'budget_approved'",
                "no rule chooses text variant 'unused_reason' of code 'RAG'",
                "no rule concludes code 'PILOT_FIRST'",
                "no rule reads parameter 'max_pilot_weeks'");
        assertThat(report.toJson().path("warnings").get(0).path("file").asText()).isEqualTo(RuleSetFiles.QUESTIONNAIRE);
    }
}

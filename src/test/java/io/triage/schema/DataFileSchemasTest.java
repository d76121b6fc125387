package io.triage.schema;

import io.triage.common.InputError;
import io.triage.rules.RuleSetFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The schemas of the data files: the shipped files match them, and a violation is reported at its place. */
class DataFileSchemasTest {

    @Test
    void theValidationReportNamesASchemaErrorAtItsLineOnceAndRefusesTheCandidate() {
        RuleSetFiles shipped = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        RuleSetFiles candidate = shipped.with(java.util.Map.of("test-cases/typo.yaml", """
                description: A typo in a key
                answers: { task_type: classification }
                expect:
                  presnet: [PROMPTING]
                """));
        var report = new io.triage.policy.RuleSetValidator(new io.triage.rules.RuleSetCompiler(),
                new io.triage.golden.GoldenRunner(new io.triage.engine.Evaluator())).validate(candidate).report();
        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).filteredOn(e -> "test-cases/typo.yaml".equals(e.file()))
                .singleElement().satisfies(e -> {
                    assertThat(e.code()).isEqualTo("schema");
                    assertThat(e.describe()).isEqualTo("test-cases/typo.yaml:4:3: expect: unknown key 'presnet'");
                });
    }

    @Test
    void theShippedRulesAndGoldenCasesMatchTheirSchemas() {
        RuleSetFiles shipped = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        assertThat(DataFileSchemas.check(shipped)).isEmpty();
    }

    @Test
    void anUnknownKeyIsReportedAtTheKeyItself() {
        List<InputError> errors = DataFileSchemas.check("test-cases/x.yaml", """
                description: A case
                answers: { task_type: classification }
                expect:
                  present: [RAG]
                  presnet: [PROMPTING]
                """, DataFileSchemas.GOLDEN_CASE);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("test-cases/x.yaml");
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.column()).isEqualTo(3);
            assertThat(e.code()).isEqualTo("schema");
            assertThat(e.message()).contains("presnet");
        });
    }

    @Test
    void aWrongTypeAndAMissingFieldInTheQuestionnaireAreReportedWhereTheyAre() {
        List<InputError> errors = DataFileSchemas.check(RuleSetFiles.QUESTIONNAIRE, """
                title: "Q"
                sections:
                  - id: one
                    title: "One"
                    questions:
                      - id: flag
                        type: yes_or_no
                        label: "A flag"
                      - id: Count
                        type: number
                        label: "A count"
                      - id: pick
                        type: choice
                        label: "Pick"
                        choices:
                          - value: a
                            label: A
                """, DataFileSchemas.QUESTIONNAIRE);
        assertThat(errors).extracting(InputError::describe).containsExactly(
                "rules/questionnaire.yaml:7:15: sections[0].questions[0].type: does not have a value in the enumeration [\"choice\", \"yes_no\", \"number\", \"date\"]",
                "rules/questionnaire.yaml:9:9: sections[0].questions[1]: needs 'max'",
                "rules/questionnaire.yaml:9:9: sections[0].questions[1]: needs 'min'",
                "rules/questionnaire.yaml:9:13: sections[0].questions[1].id: must be lower_snake_case (a-z, 0-9, _), starting with a letter");
    }

    @Test
    void talkTrackFieldsOnAnotherKindAreReported() {
        List<InputError> errors = DataFileSchemas.check(RuleSetFiles.RECOMMENDATIONS, """
                recommendations:
                  - code: RAG
                    kind: strategy
                    title: "T"
                    rationale: "R"
                    say: "something"
                  - code: TT
                    kind: talk_track
                    title: "T"
                    rationale: "R"
                  - code: lower
                    kind: caution
                    title: "T"
                    rationale: "R"
                    blocking: true
                """, DataFileSchemas.RECOMMENDATIONS);
        assertThat(errors).extracting(InputError::describe).containsExactly(
                "rules/recommendations.yaml:6:10: recommendations[0].say: only talk tracks have 'avoid' and 'say'",
                "rules/recommendations.yaml:7:5: recommendations[1]: needs 'avoid'",
                "rules/recommendations.yaml:7:5: recommendations[1]: needs 'say'",
                "rules/recommendations.yaml:11:11: recommendations[2].code: must be UPPER_SNAKE_CASE (A-Z, 0-9, _), starting with a letter",
                "rules/recommendations.yaml:12:11: recommendations[2].kind: only prerequisites can be 'blocking'");
    }

    @Test
    void theParametersAndInvariantsOfPolicyV2HaveSchemasToo() {
        List<InputError> parameters = DataFileSchemas.check(RuleSetFiles.PARAMETERS, """
                parameters:
                  - name: long_prompt_tokens
                    value: "1500"
                    meaning: "M"
                    source: "S"
                """, DataFileSchemas.PARAMETERS);
        assertThat(parameters).extracting(InputError::describe).hasSize(2)
                .contains("rules/parameters.yaml:2:5: parameters[0]: needs 'unit'")
                .anySatisfy(d -> assertThat(d).startsWith("rules/parameters.yaml:3:12: parameters[0].value: ").contains("number"));
        List<InputError> invariants = DataFileSchemas.check(RuleSetFiles.INVARIANTS, """
                invariants:
                  - id: prompting-excludes-lora
                    description: "D"
                    when: { presnt: [PROMPTING] }
                    never: { anyPresent: [FINE_TUNE_LORA] }
                """, DataFileSchemas.INVARIANTS);
        assertThat(invariants).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.message()).contains("presnt");
        });
        assertThat(DataFileSchemas.schemaFor(RuleSetFiles.PARAMETERS)).contains(DataFileSchemas.PARAMETERS);
        assertThat(DataFileSchemas.schemaFor(RuleSetFiles.INVARIANTS)).contains(DataFileSchemas.INVARIANTS);
    }
}

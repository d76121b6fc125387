package io.triage.questionnaire;

import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.engine.Evaluation;
import io.triage.engine.EvaluationJson;
import io.triage.engine.Evaluator;
import io.triage.facts.Answer;
import io.triage.json.CanonicalJson;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import io.triage.testing.DateQuestionRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The date type, added as one class ({@link DateType}) and one form fragment, on a test
 * questionnaire ({@code src/test/resources/date-question/}): the shipped one has no date question.
 */
class DateQuestionTypeTest {

    private static final Questionnaire DATES = QuestionnaireParser.parse("questionnaire.yaml", DateQuestionRules.questionnaire());

    @Test
    void parsesADateQuestionWithItsRangeAndADefault() {
        Question goLive = DATES.question("go_live_date").orElseThrow();
        assertThat(goLive.type()).isInstanceOf(DateType.class);
        assertThat(goLive.type().name()).isEqualTo("date");
        assertThat(DATES.question("contract_signed_on").orElseThrow().defaultValue()).isEqualTo("2025-01-15");

        String json = CanonicalJson.string(DATES.toJson().path("sections").get(0).path("questions"));
        assertThat(json).isEqualTo("[{\"help\":\"The date the buyer plans to put the model in front of users.\","
                + "\"id\":\"go_live_date\",\"label\":\"When should the deployment go live?\",\"max\":\"2030-12-31\","
                + "\"min\":\"2024-01-01\",\"type\":\"date\"},"
                + "{\"default\":\"2025-01-15\",\"help\":\"\",\"id\":\"contract_signed_on\","
                + "\"label\":\"When was the contract signed?\",\"type\":\"date\"}]");
    }

    @Test
    void aDateAnswerBecomesAFactWithItsIsoTextAndCanonicalJson() {
        EffectiveAnswers answers = AnswerValidator.validate(DATES, CanonicalJson.parse("{\"go_live_date\": \"2026-03-31\"}"));

        assertThat(answers.facts()).extracting(Answer::getQuestion, Answer::getValue, Answer::isDefaulted).containsExactly(
                org.assertj.core.groups.Tuple.tuple("go_live_date", "2026-03-31", false),
                org.assertj.core.groups.Tuple.tuple("contract_signed_on", "2025-01-15", true));
        assertThat(answers.facts().get(0).getText()).isEqualTo("2026-03-31");
        assertThat(CanonicalJson.string(answers.toJson())).isEqualTo("{\"contract_signed_on\":\"2025-01-15\",\"go_live_date\":\"2026-03-31\"}");
        assertThat(CanonicalJson.string(answers.givenJson())).isEqualTo("{\"go_live_date\":\"2026-03-31\"}");
        assertThat(CanonicalJson.string(answers.defaultsAppliedJson())).isEqualTo("[\"contract_signed_on\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"31/03/2026\"", "\"2026-3-31\"", "\"2026-02-30\"", "\"2026-13-01\"", "\"2026-03-31T10:00\"",
            "\" 2026-03-31\"", "\"tomorrow\"", "20260331", "true", "[\"2026-03-31\"]"})
    void aMalformedDateIsRefusedNamingTheQuestion(String given) {
        InputError error = onlyError("{\"go_live_date\": " + given + "}");
        assertThat(error.field()).isEqualTo("go_live_date");
        assertThat(error.code()).isEqualTo("wrong_type");
        assertThat(error.message()).startsWith("expected a date written YYYY-MM-DD, got ");
    }

    @Test
    void theMessageQuotesTheMalformedDate() {
        assertThat(onlyError("{\"go_live_date\": \"31/03/2026\"}").message())
                .isEqualTo("expected a date written YYYY-MM-DD, got '31/03/2026'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-12-31", "2031-01-01"})
    void aDateOutsideTheRangeIsRefusedNamingTheQuestion(String date) {
        InputError error = onlyError("{\"go_live_date\": \"" + date + "\"}");
        assertThat(error.field()).isEqualTo("go_live_date");
        assertThat(error.code()).isEqualTo("out_of_range");
        assertThat(error.message()).isEqualTo("'" + date + "' is outside the allowed range 2024-01-01 to 2030-12-31");
    }

    @Test
    void theBoundsThemselvesAreAllowed() {
        assertThat(AnswerValidator.validate(DATES, CanonicalJson.parse("{\"go_live_date\": \"2024-01-01\"}")).facts()).hasSize(2);
        assertThat(AnswerValidator.validate(DATES, CanonicalJson.parse("{\"go_live_date\": \"2030-12-31\"}")).facts()).hasSize(2);
    }

    @Test
    void aBrokenDateDefinitionIsReportedInTheQuestionnaire() {
        assertThatThrownBy(() -> QuestionnaireParser.parse("q.yaml", """
                title: "Q"
                sections:
                  - id: one
                    title: "One"
                    questions:
                      - id: soon
                        type: date
                        label: "Soon"
                        min: "next week"
                      - id: whole
                        type: date
                        label: "Whole"
                        integer: true
                      - id: reversed
                        type: date
                        label: "Reversed"
                        min: "2026-01-01"
                        max: "2025-01-01"
                      - id: late_default
                        type: date
                        label: "Late"
                        max: "2025-01-01"
                        default: "2026-01-01"
                """)).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                .extracting(InputError::message).containsExactly(
                        "date question 'soon' has min 'next week'; write a date as YYYY-MM-DD",
                        "question 'whole' is a date question and does not take 'integer'",
                        "question 'reversed' has min 2026-01-01 above max 2025-01-01",
                        "default of question 'late_default' is invalid: '2026-01-01' is outside the allowed range any date to 2025-01-01"));
    }

    @Test
    void aRuleMatchesTheDateFactAndTheTraceWritesItAsText(@TempDir Path copy) {
        DateQuestionRules.copyInto(copy);
        RuleSet ruleSet = new RuleSetCompiler().compileOrThrow(RuleSetFiles.load(copy.resolve("rules"), copy.resolve("test-cases")));
        assertThat(ruleSet.questionnaire().question("go_live_date").orElseThrow().type()).isInstanceOf(DateType.class);

        Evaluation early = new Evaluator().evaluate(ruleSet,
                AnswerValidator.validate(ruleSet.questionnaire(), CanonicalJson.parse("{\"go_live_date\": \"2026-03-31\"}")));
        assertThat(early.recommendations()).filteredOn(r -> r.code().equals("PILOT_BEFORE_GO_LIVE")).singleElement()
                .satisfies(r -> assertThat(r.evidence()).extracting(e -> e.question()).containsExactly("go_live_date"));
        String canonical = new String(EvaluationJson.canonical(early), StandardCharsets.UTF_8);
        assertThat(canonical).contains("{\"fact\":\"Answer\",\"question\":\"go_live_date\",\"value\":\"2026-03-31\"}");

        Evaluation late = new Evaluator().evaluate(ruleSet,
                AnswerValidator.validate(ruleSet.questionnaire(), CanonicalJson.parse("{\"go_live_date\": \"2028-06-01\"}")));
        assertThat(late.recommendations()).extracting(r -> r.code()).doesNotContain("PILOT_BEFORE_GO_LIVE");
    }

    private static InputError onlyError(String answers) {
        try {
            AnswerValidator.validate(DATES, CanonicalJson.parse(answers));
        } catch (InvalidInputException e) {
            List<InputError> errors = e.errors();
            assertThat(errors).hasSize(1);
            return errors.get(0);
        }
        throw new AssertionError("accepted " + answers);
    }
}

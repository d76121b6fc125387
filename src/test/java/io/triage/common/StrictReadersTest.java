package io.triage.common;

import io.triage.golden.GoldenCases;
import io.triage.questionnaire.QuestionnaireParser;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strict JSON and YAML readers and the number limits they share, without the service. */
class StrictReadersTest {

    @Test
    void numbersAreJudgedByTheirDigitsWithoutBeingWrittenOut() {
        for (String ok : List.of("0", "-0.0", "10000000000", "99999999999999999999", "0.0000000001", "1e19", "1.50000000000000000000",
                "1" + "0".repeat(80) + "e-70", "12.5")) {
            assertThat(NumberLimits.problem(new BigDecimal(ok))).as(ok).isNull();
        }
        for (String bad : List.of("1e20", "100000000000000000000", "0.00000000001", "1e10000000", "1e-999999999",
                "1e2147483647", "1e-2147483647", "9".repeat(1_000))) {
            long start = System.nanoTime();
            assertThat(NumberLimits.problem(new BigDecimal(bad))).as(bad).contains("too many digits").hasSizeLessThan(200);
            assertThat(System.nanoTime() - start).as(bad).isLessThan(50_000_000L);
        }
        assertThat(NumberLimits.shown(new BigDecimal("1e10000000"))).isEqualTo("1E+10000000");
        assertThat(NumberLimits.shown(new BigDecimal("5E+3"))).isEqualTo("5000");
        assertThat(NumberLimits.parse("9".repeat(101))).isNull();
        assertThat(NumberLimits.parse("12.5")).isEqualByComparingTo("12.5");
    }

    @Test
    void jsonReaderRefusesDuplicatesTrailingContentDepthAndWildNumbersWithTheirPlace() {
        assertRefusedJson("{\"a\": 1, \"a\": 2}", "duplicate_key", "a");
        assertRefusedJson("{\"a\": {\"b\": 1, \"b\": 1}}", "duplicate_key", "b");
        assertRefusedJson("{} {}", "trailing_content", "body");
        assertRefusedJson("{} x", "trailing_content", "body");
        assertRefusedJson("[".repeat(33) + "]".repeat(33), "too_deep", "body");
        assertRefusedJson("{\"n\": 1e999999999}", "too_many_digits", "n");
        assertRefusedJson("{\"n\": " + "1".repeat(2_000) + "}", "too_many_digits", "n");
        assertRefusedJson("{\"n\": 1e-2147483649}", "too_many_digits", "n");
        assertRefusedJson("{\"n\" 1}", "not_json", "body");
        assertRefusedJson("", "empty", "body");
        assertThat(StrictJson.read("[".repeat(32) + "]".repeat(32)).isArray()).isTrue();
        assertThat(StrictJson.read("{\"a\": {\"b\": 1}, \"b\": 2}").path("b").asInt()).isEqualTo(2);
        assertThat(StrictJson.read(" {\"n\": 1.50} \n").path("n").decimalValue()).isEqualTo(new BigDecimal("1.50"));
    }

    @Test
    void yamlReaderRefusesWildNumbersAndDuplicatesAtTheirLine() {
        assertRefusedYaml("""
                description: a wild expectation
                answers: { monthly_calls: 1000000 }
                expect:
                  cost: { breakEvenMonths: 1.0e-999999999 }
                """, 4, "too_many_digits");
        assertRefusedYaml("""
                description: a wild answer
                answers:
                  monthly_calls: 1.0e+999999999
                expect: { absent: [RAG] }
                """, 3, "too_many_digits");
        // YAML reads digits too long for a number as text; the questionnaire then refuses that text by its length
        long start = System.nanoTime();
        var longDigits = GoldenCases.parse("test-cases/long.yaml", """
                description: a long one
                answers:
                  monthly_calls: %s
                expect: { absent: [RAG] }
                """.formatted("9".repeat(5_000)));
        assertThat(longDigits.answers().path("monthly_calls").isTextual()).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        assertRefusedYaml("""
                description: twice
                description: again
                answers: {}
                expect: { absent: [RAG] }
                """, 2, null);
    }

    @Test
    void aQuestionnaireWithAWildRangeIsRefusedAtItsLine() {
        assertThatThrownBy(() -> QuestionnaireParser.parse("rules/questionnaire.yaml", """
                title: t
                sections:
                  - id: s
                    title: s
                    questions:
                      - id: n
                        type: number
                        label: n
                        min: 0
                        max: 1.0e+999999999
                """)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(err -> {
                        assertThat(err.line()).isEqualTo(10);
                        assertThat(err.code()).isEqualTo("too_many_digits");
                    });
                });
    }

    private static void assertRefusedJson(String json, String code, String field) {
        assertThatThrownBy(() -> StrictJson.read(json)).as(json.length() > 60 ? json.substring(0, 60) : json)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.code()).isEqualTo(code);
                    assertThat(err.field()).isEqualTo(field);
                    assertThat(err.message().length()).isLessThan(300);
                }));
    }

    private static void assertRefusedYaml(String yaml, int line, String code) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> GoldenCases.parse("test-cases/wild.yaml", yaml))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.file()).isEqualTo("test-cases/wild.yaml");
                    assertThat(err.line()).isEqualTo(line);
                    if (code != null) {
                        assertThat(err.code()).isEqualTo(code);
                    }
                    assertThat(err.message().length()).isLessThan(300);
                }));
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
}

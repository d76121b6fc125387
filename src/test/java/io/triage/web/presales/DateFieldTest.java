package io.triage.web.presales;

import io.triage.common.InputError;
import io.triage.json.CanonicalJson;
import io.triage.questionnaire.Questionnaire;
import io.triage.questionnaire.QuestionnaireParser;
import io.triage.testing.DateQuestionRules;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The date type's form field on the test questionnaire: what the page draws and how a submitted field is read. */
class DateFieldTest {

    private static final Questionnaire DATES = QuestionnaireParser.parse("questionnaire.yaml", DateQuestionRules.questionnaire());

    @Test
    void theFieldIsDrawnByTheDateFragmentWithItsRange() {
        FormView.Field field = FormView.of(DATES, Map.of("go_live_date", "2026-03-31"),
                List.of(InputError.field("go_live_date", "out_of_range", "too late"))).sections().get(0).fields().get(0);
        assertThat(field.fragment()).isEqualTo("questions/date");
        assertThat(field.type()).isEqualTo("date");
        assertThat(field.inputType()).isEqualTo("date");
        assertThat(field.min()).isEqualTo("2024-01-01");
        assertThat(field.max()).isEqualTo("2030-12-31");
        assertThat(field.range()).isEqualTo("a date from 2024-01-01 to 2030-12-31");
        assertThat(field.options()).isEmpty();
        assertThat(field.value()).isEqualTo("2026-03-31");
        assertThat(field.error()).isEqualTo("too late");

        FormView.Field unbounded = FormView.of(DATES, Map.of(), List.of()).sections().get(0).fields().get(1);
        assertThat(unbounded.min()).isNull();
        assertThat(unbounded.range()).isNull();
        assertThat(unbounded.defaultText()).isEqualTo("Default if left empty: 2025-01-15");
    }

    @Test
    void aSubmittedDateIsPassedOnAsTextAndAStoredOneFillsTheFieldAgain() {
        Map<String, String> raw = AnswerForm.raw(DATES, Map.of("go_live_date", List.of(" 2026-03-31 "), "contract_signed_on", List.of("")));
        assertThat(raw).containsExactly(Map.entry("go_live_date", "2026-03-31"));
        assertThat(CanonicalJson.string(AnswerForm.answers(DATES, raw))).isEqualTo("{\"go_live_date\":\"2026-03-31\"}");
        assertThat(AnswerForm.raw(DATES, CanonicalJson.parse("{\"go_live_date\":\"2026-03-31\",\"other\":1}")))
                .containsExactly(Map.entry("go_live_date", "2026-03-31"));
    }
}

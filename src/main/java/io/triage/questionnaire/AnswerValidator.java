package io.triage.questionnaire;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.facts.Answer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks answers against the questionnaire and applies defaults. Reports every offending question
 * at once; on any error nothing is evaluated. The API, the web form, golden cases and replay all
 * go through here, so a value is accepted or refused the same way everywhere.
 */
public final class AnswerValidator {

    private AnswerValidator() {
    }

    /**
     * @param answers a JSON object of question id to answer; JSON null counts as unanswered
     * @throws InvalidInputException naming every offending question
     */
    public static EffectiveAnswers validate(Questionnaire questionnaire, JsonNode answers) {
        List<InputError> errors = new ArrayList<>();
        if (answers == null || !answers.isObject()) {
            throw new InvalidInputException("invalid answers", List.of(InputError.field("answers", "not_an_object",
                    "expected an object of question id to answer, got " + QuestionType.quoted(answers))));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = answers.fields(); it.hasNext(); ) {
            String id = it.next().getKey();
            if (questionnaire.question(id).isEmpty()) {
                errors.add(InputError.field(id, "unknown_question", "unknown question " + InputError.quoted(id)));
            }
        }
        List<Answer> facts = new ArrayList<>();
        for (Question question : questionnaire.questions()) {
            JsonNode given = answers.get(question.id());
            if (given == null || given.isNull()) {
                if (question.hasDefault()) {
                    facts.add(new Answer(question.id(), question.defaultValue(), true));
                } else if (question.required()) {
                    errors.add(InputError.field(question.id(), "required", "an answer is required"));
                }
                continue;
            }
            QuestionType.Checked checked = question.type().check(question.id(), given);
            if (checked.error() != null) {
                errors.add(checked.error());
            } else {
                facts.add(new Answer(question.id(), checked.value(), false));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid answers", errors);
        }
        return new EffectiveAnswers(questionnaire.version(), facts);
    }
}

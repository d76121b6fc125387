package io.triage.questionnaire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.facts.Answer;

import java.util.List;

/**
 * Validated answers with defaults applied, in questionnaire order: exactly the facts a decision
 * asserts, and what its record stores.
 */
public record EffectiveAnswers(String questionnaireVersion, List<Answer> facts) {

    public EffectiveAnswers {
        facts = List.copyOf(facts);
    }

    /** Every effective value, defaults included: the decision record's {@code answers}. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Answer answer : facts) {
            node.set(answer.getQuestion(), QuestionType.scalar(answer.getValue()));
        }
        return node;
    }

    /** Ids of the questions that took their default because the buyer left them unanswered. */
    public ArrayNode defaultsAppliedJson() {
        ArrayNode node = JsonNodeFactory.instance.arrayNode();
        facts.stream().filter(Answer::isDefaulted).forEach(a -> node.add(a.getQuestion()));
        return node;
    }

    /** Only what the buyer actually answered: the input to replay a decision on another version. */
    public ObjectNode givenJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        facts.stream().filter(a -> !a.isDefaulted())
                .forEach(a -> node.set(a.getQuestion(), QuestionType.scalar(a.getValue())));
        return node;
    }
}

package io.triage.questionnaire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.InputError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code type: choice}: exactly one of the listed values; the fact value is that value's text. */
public final class ChoiceType extends QuestionType {

    public static final String NAME = "choice";

    private final List<Choice> choices;
    /** Label by value: why-trees and texts ask for one on every decision. */
    private final Map<String, String> labels = new HashMap<>();

    public ChoiceType(List<Choice> choices) {
        this.choices = List.copyOf(choices);
        choices.forEach(c -> labels.putIfAbsent(c.value(), c.label()));
    }

    static ChoiceType define(QuestionDefinition d) {
        d.takes("choices");
        List<QuestionnaireParser.ChoiceDoc> docs = d.choices();
        if (docs == null || docs.isEmpty()) {
            d.error("choice question '" + d.id() + "' needs 'choices'");
            return null;
        }
        List<Choice> choices = new ArrayList<>();
        Set<String> values = new HashSet<>();
        boolean valid = true;
        for (QuestionnaireParser.ChoiceDoc c : docs) {
            if (c.value() == null || !QuestionnaireParser.ID.matcher(c.value()).matches()) {
                d.error("question '" + d.id() + "' has choice value '" + c.value() + "'; use lower_snake_case");
                valid = false;
            } else if (!values.add(c.value())) {
                d.error("question '" + d.id() + "' lists choice '" + c.value() + "' twice");
                valid = false;
            }
            choices.add(new Choice(c.value(), c.label() == null || c.label().isBlank() ? c.value() : c.label()));
        }
        return valid ? new ChoiceType(choices) : null;
    }

    @Override
    public String name() {
        return NAME;
    }

    public List<Choice> choices() {
        return choices;
    }

    public List<String> values() {
        return choices.stream().map(Choice::value).toList();
    }

    @Override
    public Checked check(String id, JsonNode given) {
        if (!given.isTextual()) {
            return Checked.fail(id, "wrong_type", "expected one of " + String.join(", ", values()) + ", got " + quoted(given));
        }
        if (!values().contains(given.textValue())) {
            return Checked.fail(id, "not_a_choice", InputError.quoted(given.textValue()) + " is not one of: "
                    + String.join(", ", values()));
        }
        return Checked.ok(given.textValue());
    }

    @Override
    public boolean fits(Object value) {
        return value instanceof String s && values().contains(s);
    }

    @Override
    public void describe(ObjectNode question) {
        ArrayNode values = question.putArray("choices");
        ObjectNode labels = question.putObject("choiceLabels");
        for (Choice c : choices) {
            values.add(c.value());
            labels.put(c.value(), c.label());
        }
    }

    @Override
    public List<Object> alternatives() {
        return List.copyOf(values());
    }

    /** The choice's label; the value itself if it is not one of the choices. */
    @Override
    public String shown(Object value) {
        String label = value == null ? null : labels.get(value);
        return label != null ? label : String.valueOf(value);
    }

    @Override
    public FormField field() {
        return FormField.pick("questions/choice", choices.stream().map(c -> new FormField.Option(c.value(), c.label())).toList());
    }
}

package io.triage.questionnaire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;

/** {@code type: yes_no}: JSON true or false; the form sends "yes" or "no". */
public final class YesNoType extends QuestionType {

    public static final String NAME = "yes_no";

    static YesNoType define(QuestionDefinition d) {
        d.takes();
        return new YesNoType();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Checked check(String id, JsonNode given) {
        return given.isBoolean()
                ? Checked.ok(given.booleanValue())
                : Checked.fail(id, "wrong_type", "expected true or false, got " + quoted(given));
    }

    @Override
    public boolean fits(Object value) {
        return value instanceof Boolean;
    }

    @Override
    public List<Object> alternatives() {
        return List.of(Boolean.TRUE, Boolean.FALSE);
    }

    @Override
    public String shown(Object value) {
        return value instanceof Boolean b ? (b ? "yes" : "no") : String.valueOf(value);
    }

    /** "yes" and "no" become true and false; anything else stays text, for the validator to name. */
    @Override
    public JsonNode fromForm(String text) {
        return text.equals("yes") || text.equals("no") ? BooleanNode.valueOf(text.equals("yes")) : TextNode.valueOf(text);
    }

    @Override
    public String formText(JsonNode answer) {
        return answer.isBoolean() ? (answer.asBoolean() ? "yes" : "no") : answer.asText();
    }

    @Override
    public FormField field() {
        return FormField.pick("questions/yes_no", List.of(new FormField.Option("yes", "Yes"), new FormField.Option("no", "No")));
    }
}

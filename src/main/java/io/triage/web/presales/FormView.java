package io.triage.web.presales;

import io.quarkus.qute.TemplateData;

import io.triage.common.InputError;
import io.triage.questionnaire.FormField;
import io.triage.questionnaire.Question;
import io.triage.questionnaire.Questionnaire;
import io.triage.questionnaire.Section;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The questionnaire form, generated from the questionnaire data: one fieldset per section, one
 * field per question with its label, help, choices and default, the value last typed and the
 * validator's message for it. A question added to the data appears here with no code change; its
 * type says how its field is drawn ({@link FormField}: a fragment under {@code templates/questions/}).
 */
@TemplateData
public record FormView(String title, List<SectionView> sections, List<ErrorLink> errors) {

    @TemplateData
    public record SectionView(String id, String title, List<Field> fields) {
    }

    @TemplateData
    public record Field(String id, String type, String label, String help, boolean required, String value,
                        String defaultText, String error, List<Option> options, String range,
                        String fragment, String inputType, String inputMode, String min, String max) {

        public boolean invalid() {
            return error != null;
        }

        /** The ids of the texts that describe the input, for aria-describedby. */
        public String describedBy() {
            StringBuilder sb = new StringBuilder();
            if (help != null) {
                sb.append(id).append("-help");
            }
            if (defaultText != null) {
                sb.append(sb.isEmpty() ? "" : " ").append(id).append("-default");
            }
            if (error != null) {
                sb.append(sb.isEmpty() ? "" : " ").append(id).append("-error");
            }
            return sb.toString();
        }
    }

    @TemplateData
    public record Option(String value, String label, boolean selected) {
    }

    /** A summary link to a field with a problem, shown above the form. */
    @TemplateData
    public record ErrorLink(String field, String label, String message) {
    }

    public static FormView of(Questionnaire questionnaire, Map<String, String> raw, List<InputError> errors) {
        List<SectionView> sections = new ArrayList<>();
        List<ErrorLink> links = new ArrayList<>();
        for (Section section : questionnaire.sections()) {
            List<Field> fields = new ArrayList<>();
            for (Question q : section.questions()) {
                String value = raw.get(q.id());
                String error = errors.stream().filter(e -> q.id().equals(e.field())).map(InputError::message)
                        .reduce((a, b) -> a + "; " + b).orElse(null);
                if (error != null) {
                    links.add(new ErrorLink(q.id(), q.label(), error));
                }
                FormField field = q.type().field();
                List<Option> options = field.options().stream()
                        .map(o -> new Option(o.value(), o.label(), o.value().equals(value))).toList();
                fields.add(new Field(q.id(), q.type().name(), q.label(), q.help(), q.required(), value == null ? "" : value,
                        defaultText(q), error, options, field.hint(), field.fragment(), field.inputType(), field.inputMode(),
                        field.min(), field.max()));
            }
            sections.add(new SectionView(section.id(), section.title(), fields));
        }
        // errors for names the form does not have (should not happen) still reach the person
        for (InputError e : errors) {
            if (e.field() == null || questionnaire.question(e.field()).isEmpty()) {
                links.add(new ErrorLink(e.field() == null ? "" : e.field(), e.field() == null ? "answers" : e.field(), e.message()));
            }
        }
        return new FormView(questionnaire.title(), sections, links);
    }

    private static String defaultText(Question q) {
        return q.hasDefault() ? "Default if left empty: " + q.type().shown(q.defaultValue()) : null;
    }
}

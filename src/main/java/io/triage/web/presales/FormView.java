package io.triage.web.presales;

import io.quarkus.qute.TemplateData;

import io.triage.common.InputError;
import io.triage.questionnaire.Choice;
import io.triage.questionnaire.Question;
import io.triage.questionnaire.Questionnaire;
import io.triage.questionnaire.Section;
import io.triage.web.Numbers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The questionnaire form, generated from the questionnaire data: one fieldset per section, one
 * field per question with its label, help, choices and default, the value last typed and the
 * validator's message for it. A question added to the data appears here with no code change.
 */
@TemplateData
public record FormView(String title, List<SectionView> sections, List<ErrorLink> errors) {

    @TemplateData
    public record SectionView(String id, String title, List<Field> fields) {
    }

    @TemplateData
    public record Field(String id, String type, String label, String help, boolean required, String value,
                        String defaultText, String error, List<Option> options, String range) {

        public boolean choice() {
            return type.equals("choice");
        }

        public boolean yesNo() {
            return type.equals("yes_no");
        }

        public boolean number() {
            return type.equals("number");
        }

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
                List<Option> options = new ArrayList<>();
                if (q.type().name().equals("CHOICE")) {
                    for (Choice c : q.choices()) {
                        options.add(new Option(c.value(), c.label(), c.value().equals(value)));
                    }
                } else if (q.type().name().equals("YES_NO")) {
                    options.add(new Option("yes", "Yes", "yes".equals(value)));
                    options.add(new Option("no", "No", "no".equals(value)));
                }
                fields.add(new Field(q.id(), typeName(q), q.label(), q.help(), q.required(), value == null ? "" : value,
                        defaultText(q), error, options, range(q)));
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

    private static String typeName(Question q) {
        return switch (q.type()) {
            case CHOICE -> "choice";
            case YES_NO -> "yes_no";
            case NUMBER -> "number";
        };
    }

    private static String defaultText(Question q) {
        if (!q.hasDefault()) {
            return null;
        }
        Object d = q.defaultValue();
        String shown;
        if (d instanceof Boolean b) {
            shown = b ? "yes" : "no";
        } else if (d instanceof BigDecimal n) {
            shown = n.stripTrailingZeros().toPlainString();
        } else {
            shown = q.choices().stream().filter(c -> c.value().equals(d)).map(Choice::label).findFirst().orElse(String.valueOf(d));
        }
        return "Default if left empty: " + shown;
    }

    private static String range(Question q) {
        if (q.min() == null && q.max() == null) {
            return null;
        }
        String from = q.min() == null ? "any" : Numbers.readable(q.min());
        String to = q.max() == null ? "any" : Numbers.readable(q.max());
        return (q.integer() ? "a whole number from " : "a number from ") + from + " to " + to;
    }
}

package io.triage.questionnaire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.common.StrictYaml;
import io.triage.json.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Turns the questionnaire data file into a {@link Questionnaire}, reporting every mistake in it. */
public final class QuestionnaireParser {

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

    record Document(String title, List<SectionDoc> sections) {
    }

    record SectionDoc(String id, String title, List<QuestionDoc> questions) {
    }

    record ChoiceDoc(String value, String label) {
    }

    /** {@code min} and {@code max} as written (a number, or a text such as a date): their kind reads them. */
    record QuestionDoc(String id, String type, String label, String help, List<ChoiceDoc> choices,
                       Object min, Object max, Boolean integer,
                       @JsonProperty("default") JsonNode defaultValue, Boolean required) {
    }

    private QuestionnaireParser() {
    }

    public static Questionnaire parse(String file, String content) {
        Document doc = StrictYaml.read(file, content, Document.class);
        List<InputError> errors = new ArrayList<>();
        if (blank(doc.title())) {
            errors.add(error(file, "the questionnaire needs a 'title'"));
        }
        if (doc.sections() == null || doc.sections().isEmpty()) {
            errors.add(error(file, "the questionnaire needs at least one section"));
        }
        List<Section> sections = new ArrayList<>();
        Set<String> sectionIds = new HashSet<>();
        Set<String> questionIds = new HashSet<>();
        for (SectionDoc s : doc.sections() == null ? List.<SectionDoc>of() : doc.sections()) {
            if (s.id() == null || !ID.matcher(s.id()).matches()) {
                errors.add(error(file, "section id '" + s.id() + "' must be lower_snake_case"));
            } else if (!sectionIds.add(s.id())) {
                errors.add(error(file, "section id '" + s.id() + "' appears twice"));
            }
            if (blank(s.title())) {
                errors.add(error(file, "section '" + s.id() + "' needs a 'title'"));
            }
            List<Question> questions = new ArrayList<>();
            for (QuestionDoc q : s.questions() == null ? List.<QuestionDoc>of() : s.questions()) {
                Question question = question(file, q, errors);
                if (question != null) {
                    if (!questionIds.add(question.id())) {
                        errors.add(error(file, "question id '" + question.id() + "' appears twice"));
                    }
                    questions.add(question);
                }
            }
            sections.add(new Section(s.id(), s.title(), questions));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid questionnaire", errors);
        }
        String version = Sha256.of(content.getBytes(StandardCharsets.UTF_8));
        return new Questionnaire(version, doc.title(), sections);
    }

    private static Question question(String file, QuestionDoc q, List<InputError> errors) {
        int before = errors.size();
        String id = q.id();
        if (id == null || !ID.matcher(id).matches()) {
            errors.add(error(file, "question id '" + id + "' must be lower_snake_case"));
            return null;
        }
        Function<QuestionDefinition, QuestionType> definer = QuestionTypes.definer(q.type()).orElse(null);
        if (definer == null) {
            errors.add(error(file, "question '" + id + "' has type '" + q.type() + "'; use " + QuestionTypes.names()));
            return null;
        }
        if (blank(q.label())) {
            errors.add(error(file, "question '" + id + "' needs a 'label'"));
        }
        int beforeType = errors.size();
        QuestionDefinition definition = new QuestionDefinition(file, q, errors);
        QuestionType type = definer.apply(definition);
        // what the kind does not take, in the order the keys are read: choices first, then the range
        if (q.choices() != null && !definition.took("choices")) {
            errors.add(beforeType, error(file, "question '" + id + "' is not a choice question but lists 'choices'"));
        }
        List<String> range = new ArrayList<>();
        if (q.min() != null && !definition.took("min")) {
            range.add("min");
        }
        if (q.max() != null && !definition.took("max")) {
            range.add("max");
        }
        if (q.integer() != null && !definition.took("integer")) {
            range.add("integer");
        }
        if (!range.isEmpty()) {
            errors.add(definition.took("min") || definition.took("max") || definition.took("integer")
                    ? error(file, "question '" + id + "' is a " + q.type() + " question and does not take '" + String.join("', '", range) + "'")
                    : error(file, "question '" + id + "' is not a number question but sets 'min', 'max' or 'integer'"));
        }
        if (errors.size() > before || type == null) {
            return null;
        }
        Object defaultValue = null;
        if (q.defaultValue() != null && !q.defaultValue().isNull()) {
            QuestionType.Checked checked = type.check(id, q.defaultValue());
            if (checked.error() != null) {
                errors.add(error(file, "default of question '" + id + "' is invalid: " + checked.error().message()));
                return null;
            }
            defaultValue = checked.value();
        }
        return new Question(id, type, q.label(), q.help() == null ? "" : q.help(), defaultValue, Boolean.TRUE.equals(q.required()));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static InputError error(String file, String message) {
        return InputError.file(file, "invalid_questionnaire", message);
    }
}

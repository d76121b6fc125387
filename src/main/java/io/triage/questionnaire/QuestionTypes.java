package io.triage.questionnaire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The kinds of question a questionnaire file may use, by the name it gives them
 * ({@code type: <name>}). Adding a kind is one class and one line here (plus its form fragment,
 * {@code templates/questions/<name>.html}).
 */
public final class QuestionTypes {

    // INVARIANT: in the order a message lists them
    private static final Map<String, Function<QuestionDefinition, QuestionType>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put(ChoiceType.NAME, ChoiceType::define);
        KINDS.put(YesNoType.NAME, YesNoType::define);
        KINDS.put(NumberType.NAME, NumberType::define);
        KINDS.put(DateType.NAME, DateType::define);
    }

    private QuestionTypes() {
    }

    /** How a kind reads a question's definition; empty for a name that is no kind. */
    static Optional<Function<QuestionDefinition, QuestionType>> definer(String name) {
        return Optional.ofNullable(name == null ? null : KINDS.get(name));
    }

    /** "choice, yes_no, number or date": the names, for a message. */
    static String names() {
        String all = String.join(", ", KINDS.keySet());
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
    }
}

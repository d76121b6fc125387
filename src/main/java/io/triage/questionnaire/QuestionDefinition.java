package io.triage.questionnaire;

import io.triage.common.InputError;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One question's definition as the questionnaire file gives it, for its kind to read its own part
 * from ({@code choices}, {@code min}, {@code max}, {@code integer}) and to name what is wrong with it.
 * A kind says which of these keys it {@link #takes}; the parser refuses the others.
 */
public final class QuestionDefinition {

    private final String file;
    private final String id;
    private final QuestionnaireParser.QuestionDoc doc;
    private final List<InputError> errors;
    private final Set<String> taken = new LinkedHashSet<>();

    QuestionDefinition(String file, QuestionnaireParser.QuestionDoc doc, List<InputError> errors) {
        this.file = file;
        this.id = doc.id();
        this.doc = doc;
        this.errors = errors;
    }

    public String id() {
        return id;
    }

    /** The keys of the definition this kind reads; any other kind-specific key is an error. */
    public void takes(String... keys) {
        taken.addAll(List.of(keys));
    }

    boolean took(String key) {
        return taken.contains(key);
    }

    List<QuestionnaireParser.ChoiceDoc> choices() {
        return doc.choices();
    }

    /** {@code min} as written: a number, a text or null. */
    public Object min() {
        return doc.min();
    }

    public Object max() {
        return doc.max();
    }

    public Boolean integer() {
        return doc.integer();
    }

    /** A bound written as a number, exactly; null if it is absent or not a number. */
    public static BigDecimal number(Object bound) {
        if (bound instanceof BigDecimal n) {
            return n;
        } else if (bound instanceof BigInteger n) {
            return new BigDecimal(n);
        } else if (bound instanceof Integer || bound instanceof Long) {
            return BigDecimal.valueOf(((Number) bound).longValue());
        }
        return null;
    }

    /** Records a mistake in the definition; the question is then left out and the file refused. */
    public void error(String message) {
        errors.add(InputError.file(file, "invalid_questionnaire", message));
    }
}

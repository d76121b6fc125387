package io.triage.policy;

import io.triage.rules.RecommendationKind;
import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.common.StrictYaml;
import io.triage.common.YamlPositions;
import io.triage.questionnaire.Question;
import io.triage.questionnaire.ChoiceType;
import io.triage.questionnaire.NumberType;
import io.triage.questionnaire.Questionnaire;
import io.triage.rules.Catalogue;
import io.triage.rules.Parameters;
import io.triage.rules.RuleSetFiles;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code rules/invariants.yaml} and checks every name in it against the rule set it belongs
 * to: codes against the catalogue, questions and their values against the questionnaire, bounds
 * against the parameters. Each mistake is an error at its line. A rule set without the file has no
 * invariants.
 *
 * <pre>
 * invariants:
 *   - id: lora-needs-high-volume
 *     description: "LoRA and later fine-tuning only at high volume."
 *     when: { anyPresent: [FINE_TUNE_LORA, FINE_TUNE_LATER] }
 *     then:
 *       answers: { monthly_calls: { atLeast: high_volume_calls_per_month } }
 * </pre>
 */
final class InvariantsFile {

    static final String FILE = RuleSetFiles.INVARIANTS;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Set<String> MATCH_KEYS = Set.of("in", "not", "answered", "atLeast", "below");

    record Document(List<InvariantDoc> invariants) {
    }

    record InvariantDoc(String id, String description, String source, ConditionDoc when, ConditionDoc then,
                        ConditionDoc never) {
    }

    record ConditionDoc(List<String> present, List<String> absent, List<String> anyPresent, String kindPresent,
                        LinkedHashMap<String, JsonNode> answers, List<ConditionDoc> anyOf) {
    }

    /** The rule set's names an invariant may use; null parts are not checked (the rule set did not compile). */
    record Context(Questionnaire questionnaire, Catalogue catalogue, Parameters parameters) {
    }

    private final String source;
    private final YamlPositions positions;
    private final Context context;
    private final List<InputError> errors = new ArrayList<>();
    private int at;
    private int until;

    private InvariantsFile(String source, Context context) {
        this.source = source;
        this.positions = YamlPositions.of(source);
        this.context = context;
    }

    /** The invariants, or an {@link InvalidInputException} with every mistake found. */
    static List<Invariant> parse(String source, Context context) {
        if (source == null) {
            return List.of();
        }
        return new InvariantsFile(source, context).read();
    }

    private List<Invariant> read() {
        Document doc = StrictYaml.read(FILE, source, Document.class);
        List<Invariant> invariants = new ArrayList<>();
        if (doc.invariants() == null) {
            errors.add(InputError.file(FILE, "invalid_invariants", "the file needs an 'invariants' list"));
        }
        Set<String> ids = new HashSet<>();
        for (InvariantDoc d : doc.invariants() == null ? List.<InvariantDoc>of() : doc.invariants()) {
            at = d.id() == null ? 0 : positions.find("id", d.id()).map(YamlPositions.Entry::keyStart).orElse(0);
            until = positions.nextStart(at, "id");
            if (d.id() == null || !ID.matcher(d.id()).matches()) {
                error(null, "invariant id '" + d.id() + "' must be lower-case letters, digits and '-'");
                continue;
            }
            if (!ids.add(d.id())) {
                error(null, "invariant '" + d.id() + "' appears twice");
            }
            if (d.description() == null || d.description().isBlank()) {
                error(null, "invariant '" + d.id() + "' needs a 'description'");
            }
            if ((d.then() == null) == (d.never() == null)) {
                error(null, "invariant '" + d.id() + "' needs exactly one of 'then' and 'never'");
                continue;
            }
            Condition when = d.when() == null ? null : condition(d.id(), "when", d.when());
            Condition then = d.then() == null ? null : condition(d.id(), "then", d.then());
            Condition never = d.never() == null ? null : condition(d.id(), "never", d.never());
            invariants.add(new Invariant(d.id(), d.description(), d.source(), when, then, never,
                    positions.lineAndColumn(at)[0]));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid invariants", errors);
        }
        return invariants;
    }

    private Condition condition(String id, String where, ConditionDoc doc) {
        String in = "invariant '" + id + "' " + where + ": ";
        if (empty(doc)) {
            error(null, in + "an empty condition; give present, absent, anyPresent, kindPresent, answers or anyOf");
        }
        List<String> codes = new ArrayList<>();
        for (List<String> list : List.of(list(doc.present()), list(doc.absent()), list(doc.anyPresent()))) {
            codes.addAll(list);
        }
        if (context.catalogue() != null) {
            codes.stream().filter(c -> context.catalogue().entry(c).isEmpty()).forEach(c ->
                    error(c, in + "code '" + c + "' has no entry in " + RuleSetFiles.RECOMMENDATIONS));
        }
        RecommendationKind kindPresent = doc.kindPresent() == null ? null : RecommendationKind.of(doc.kindPresent()).orElse(null);
        if (doc.kindPresent() != null && kindPresent == null) {
            error(doc.kindPresent(), in + "kind '" + doc.kindPresent() + "' is not one of " + RecommendationKind.ids());
        }
        Map<String, AnswerMatch> answers = new LinkedHashMap<>();
        if (doc.answers() != null) {
            doc.answers().forEach((question, node) -> {
                AnswerMatch match = answerMatch(in, question, node);
                if (match != null) {
                    answers.put(question, match);
                }
            });
        }
        List<Condition> anyOf = new ArrayList<>();
        for (ConditionDoc alternative : list(doc.anyOf())) {
            anyOf.add(condition(id, where + " anyOf", alternative));
        }
        return new Condition(doc.present(), doc.absent(), doc.anyPresent(), kindPresent, answers, anyOf);
    }

    private AnswerMatch answerMatch(String in, String questionId, JsonNode node) {
        Question question = context.questionnaire() == null ? null : context.questionnaire().question(questionId).orElse(null);
        if (context.questionnaire() != null && question == null) {
            error(questionId, in + "question '" + questionId + "' is not in " + RuleSetFiles.QUESTIONNAIRE);
            return null;
        }
        if (node == null || node.isNull()) {
            error(questionId, in + questionId + ": give a value, or one of " + MATCH_KEYS);
            return null;
        }
        if (!node.isObject()) {
            return new AnswerMatch(value(in, question, questionId, node), null, null, null, null, null);
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!MATCH_KEYS.contains(key)) {
                error(key, in + questionId + ": unknown key '" + key + "'; allowed: " + MATCH_KEYS);
            }
        }
        List<Object> values = null;
        if (node.has("in")) {
            values = new ArrayList<>();
            for (JsonNode v : node.get("in")) {
                values.add(value(in, question, questionId, v));
            }
        }
        Object not = node.has("not") ? value(in, question, questionId, node.get("not")) : null;
        Boolean answered = null;
        if (node.has("answered")) {
            if (!node.get("answered").isBoolean()) {
                error("answered", in + questionId + ": 'answered' is true or false");
            }
            answered = node.get("answered").asBoolean();
        }
        return new AnswerMatch(null, values, not, answered, bound(in, question, questionId, node.get("atLeast")),
                bound(in, question, questionId, node.get("below")));
    }

    private Object value(String in, Question question, String questionId, JsonNode v) {
        Object value = v.isBoolean() ? v.booleanValue() : v.isNumber() ? v.decimalValue() : v.isTextual() ? v.textValue() : null;
        if (value == null) {
            error(questionId, in + questionId + ": " + v + " is not an answer value");
            return null;
        }
        if (question == null) {
            return value;
        }
        if (!question.type().fits(value)) {
            error(v.asText(), in + questionId + ": " + v + " is not an answer to this " + question.type().name() + " question"
                    + (question.type() instanceof ChoiceType choice ? " (one of " + String.join(", ", choice.values()) + ")" : ""));
        }
        return value;
    }

    private AnswerMatch.Bound bound(String in, Question question, String questionId, JsonNode v) {
        if (v == null) {
            return null;
        }
        if (question != null && !(question.type() instanceof NumberType)) {
            error(questionId, in + questionId + ": 'atLeast' and 'below' compare numbers; this is a "
                    + question.type().name() + " question");
        }
        if (v.isNumber()) {
            return new AnswerMatch.Bound(v.decimalValue(), null);
        }
        if (v.isTextual()) {
            if (context.parameters() != null && context.parameters().get(v.textValue()).isEmpty()) {
                error(v.textValue(), in + questionId + ": parameter '" + v.textValue() + "' is not defined in "
                        + RuleSetFiles.PARAMETERS);
            }
            return new AnswerMatch.Bound(null, v.textValue());
        }
        error(questionId, in + questionId + ": a bound is a number or the name of a parameter");
        return null;
    }

    private static boolean empty(ConditionDoc d) {
        return list(d.present()).isEmpty() && list(d.absent()).isEmpty() && list(d.anyPresent()).isEmpty()
                && d.kindPresent() == null && (d.answers() == null || d.answers().isEmpty()) && list(d.anyOf()).isEmpty();
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** An error at the first mention of {@code token} inside the current invariant, else at its id. */
    private void error(String token, String message) {
        int offset = at;
        if (token != null) {
            int found = source.indexOf(token, at);
            if (found >= 0 && found < until) {
                offset = found;
            }
        }
        errors.add(positions.at(FILE, offset, "invalid_invariants", message));
    }
}

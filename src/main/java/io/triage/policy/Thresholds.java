package io.triage.policy;

import io.triage.facts.Parameter;
import io.triage.questionnaire.Question;
import io.triage.questionnaire.NumberType;
import io.triage.questionnaire.Questionnaire;
import io.triage.rules.RuleSetFiles;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers at which a rule set's behavior may flip, per number question, found in the data a
 * policy owner writes: literals a rule compares an answer with ({@code number < 1000}), the value of
 * every parameter a rule reads next to an answer, and the bounds of the invariants. The generator
 * tries answers on both sides of each; this is a search aid, so finding a few too many is harmless.
 */
final class Thresholds {

    private static final Pattern RULE = Pattern.compile("(?s)\\brule\\b.*?\\bthen\\b");
    private static final Pattern LITERAL = Pattern.compile(
            "question\\s*==\\s*\"([a-z0-9_]+)\"[^)]*?\\bnumber\\s*(?:<=|>=|<|>|==|!=)\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern QUESTION = Pattern.compile("question\\s*==\\s*\"([a-z0-9_]+)\"");
    private static final Pattern PARAMETER = Pattern.compile("Parameter\\s*\\(\\s*name\\s*==\\s*\"([a-z0-9_]+)\"");

    private Thresholds() {
    }

    static Map<String, Set<BigDecimal>> find(RuleSetFiles files, Questionnaire questionnaire,
                                             Map<String, Parameter> parameters, List<Invariant> invariants) {
        Map<String, Set<BigDecimal>> found = new HashMap<>();
        for (String drl : files.drlFiles().values()) {
            Matcher rule = RULE.matcher(drl);
            while (rule.find()) {
                String conditions = rule.group();
                Matcher literal = LITERAL.matcher(conditions);
                while (literal.find()) {
                    add(found, questionnaire, literal.group(1), new BigDecimal(literal.group(2)));
                }
                Matcher parameter = PARAMETER.matcher(conditions);
                while (parameter.find()) {
                    Parameter p = parameters.get(parameter.group(1));
                    Matcher question = QUESTION.matcher(conditions);
                    while (p != null && question.find()) {
                        add(found, questionnaire, question.group(1), p.getExact());
                    }
                }
            }
        }
        for (Invariant invariant : invariants) {
            for (Condition c : new Condition[] {invariant.when(), invariant.then(), invariant.never()}) {
                addBounds(found, questionnaire, parameters, c);
            }
        }
        return found;
    }

    private static void addBounds(Map<String, Set<BigDecimal>> found, Questionnaire questionnaire,
                                  Map<String, Parameter> parameters, Condition condition) {
        if (condition == null) {
            return;
        }
        condition.answers().forEach((question, match) -> match.bounds().forEach(b -> {
            if (b.number() != null || parameters.containsKey(b.parameter())) {
                add(found, questionnaire, question, b.value(parameters));
            }
        }));
        condition.anyOf().forEach(c -> addBounds(found, questionnaire, parameters, c));
    }

    private static void add(Map<String, Set<BigDecimal>> found, Questionnaire questionnaire, String questionId, BigDecimal value) {
        Question question = questionnaire.question(questionId).orElse(null);
        if (question != null && question.type() instanceof NumberType) {
            found.computeIfAbsent(questionId, q -> new TreeSet<>()).add(value);
        }
    }
}

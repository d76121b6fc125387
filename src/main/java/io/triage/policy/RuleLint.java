package io.triage.policy;

import io.triage.common.InputError;
import io.triage.common.YamlPositions;
import io.triage.questionnaire.Question;
import io.triage.rules.Catalogue;
import io.triage.rules.Parameters;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetFiles;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Things in a rule set's data that no rule uses, reported as warnings at their line: a question no
 * rule reads, a catalogue code no rule concludes, a text variant no rule chooses, a parameter no
 * rule reads. None of them changes a decision, so none of them refuses the candidate; each is
 * usually a rule that was meant to be written or a leftover that was meant to be removed. Read
 * from the DRL as written (comments ignored), so a name a rule builds at run time is not seen.
 */
final class RuleLint {

    private static final Pattern QUESTION = Pattern.compile("question\\s*==\\s*\"([^\"]+)\"");
    private static final Pattern QUESTION_IN = Pattern.compile("question\\s+in\\s*\\(([^)]*)\\)");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern CONCLUDES = Pattern.compile(
            "new\\s+Recommendation\\s*\\(\\s*\"([^\"]+)\"(?:\\s*,\\s*\"([^\"]+)\")?");
    private static final Pattern PARAMETER = Pattern.compile("Parameter\\s*\\(\\s*name\\s*==\\s*\"([^\"]+)\"");
    private static final Pattern DRAWS = Pattern.compile("new\\s+Term\\s*\\(\\s*\"([^\"]+)\"");

    private RuleLint() {
    }

    static List<InputError> check(RuleSet ruleSet) {
        Set<String> questions = new HashSet<>();
        Set<String> codes = new HashSet<>();
        Set<String> variants = new HashSet<>();
        Set<String> parameters = new HashSet<>();
        for (String source : ruleSet.files().drlFiles().values()) {
            String drl = withoutComments(source);
            find(QUESTION, drl, m -> questions.add(m.group(1)));
            find(QUESTION_IN, drl, m -> find(STRING, m.group(1), s -> questions.add(s.group(1))));
            find(CONCLUDES, drl, m -> {
                codes.add(m.group(1));
                if (m.group(2) != null) {
                    variants.add(m.group(1) + "/" + m.group(2));
                }
            });
            find(PARAMETER, drl, m -> parameters.add(m.group(1)));
        }
        List<InputError> warnings = new ArrayList<>();
        YamlPositions questionnaire = YamlPositions.of(ruleSet.files().get(RuleSetFiles.QUESTIONNAIRE));
        for (Question q : ruleSet.questionnaire().questions()) {
            if (!questions.contains(q.id())) {
                warnings.add(warning(questionnaire, RuleSetFiles.QUESTIONNAIRE, "id", q.id(), "unread_question",
                        "no rule reads question '" + q.id() + "'"));
            }
        }
        YamlPositions texts = YamlPositions.of(ruleSet.files().get(RuleSetFiles.RECOMMENDATIONS));
        for (Catalogue.Entry e : ruleSet.catalogue().entries()) {
            if (!codes.contains(e.code())) {
                warnings.add(warning(texts, RuleSetFiles.RECOMMENDATIONS, "code", e.code(), "unconcluded_code",
                        "no rule concludes code '" + e.code() + "'"));
                continue;
            }
            int at = texts.find("code", e.code()).map(YamlPositions.Entry::keyStart).orElse(0);
            int next = texts.nextStart(at, "code");
            for (String variant : e.variants().keySet()) {
                if (!variants.contains(e.code() + "/" + variant)) {
                    int offset = texts.findBetween(at, next, variant).map(YamlPositions.Entry::keyStart).orElse(at);
                    warnings.add(texts.at(RuleSetFiles.RECOMMENDATIONS, offset, "unchosen_variant",
                            "no rule chooses text variant '" + variant + "' of code '" + e.code() + "'"));
                }
            }
        }
        String parametersSource = ruleSet.files().get(RuleSetFiles.PARAMETERS);
        if (parametersSource != null) {
            YamlPositions positions = YamlPositions.of(parametersSource);
            for (Parameters.Definition d : ruleSet.parameters().definitions()) {
                if (!parameters.contains(d.name())) {
                    warnings.add(warning(positions, RuleSetFiles.PARAMETERS, "name", d.name(), "unused_parameter",
                            "no rule reads parameter '" + d.name() + "'"));
                }
            }
        }
        warnings.addAll(termLabels(ruleSet));
        return warnings;
    }

    /**
     * A term a rule draws without a label reads as its bare name in every why-tree; a label no rule
     * draws is dead text; a rule set without the file makes decisions without why-trees.
     */
    private static List<InputError> termLabels(RuleSet ruleSet) {
        List<InputError> warnings = new ArrayList<>();
        if (!ruleSet.terms().present()) {
            warnings.add(InputError.file(RuleSetFiles.TERMS, "no_term_labels", "there is no " + RuleSetFiles.TERMS
                    + ": decisions on this version carry no why-trees"));
            return warnings;
        }
        Set<String> drawn = new HashSet<>();
        ruleSet.files().drlFiles().forEach((path, source) -> find(DRAWS, withoutComments(source), m -> {
            if (drawn.add(m.group(1)) && ruleSet.terms().get(m.group(1)).isEmpty()) {
                int offset = source.indexOf("\"" + m.group(1) + "\"");
                warnings.add(InputError.file(path, lineOf(source, offset), null, "unlabeled_term", "term '" + m.group(1)
                        + "' has no label in " + RuleSetFiles.TERMS + "; why-trees show its bare name"));
            }
        }));
        YamlPositions positions = YamlPositions.of(ruleSet.files().get(RuleSetFiles.TERMS));
        for (var label : ruleSet.terms().labels()) {
            if (!drawn.contains(label.name())) {
                warnings.add(warning(positions, RuleSetFiles.TERMS, "name", label.name(), "unused_term_label",
                        "no rule draws term '" + label.name() + "'"));
            }
        }
        return warnings;
    }

    private static int lineOf(String source, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static InputError warning(YamlPositions positions, String file, String key, String value, String code, String message) {
        return positions.find(key, value).map(e -> positions.at(file, e.valueStart(), code, message))
                .orElse(InputError.file(file, code, message));
    }

    private static void find(Pattern pattern, String text, Consumer<Matcher> each) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            each.accept(m);
        }
    }

    /** The source with // and block comments removed; string literals are kept as they are. */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < n && source.charAt(end) != '"' && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, n);
                out.append(source, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}

package io.triage.rules;

import io.triage.common.InputError;
import io.triage.common.YamlPositions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Placeholders in recommendation texts: {@code {monthly_calls}} is filled, for each decision, from
 * the effective answer of that question, a policy parameter of that name, or one of the cost
 * figures below, so that no text states a figure an answer can change. An unknown name, or a brace
 * that starts no placeholder, is an error at its line in {@code recommendations.yaml}.
 */
public final class TextTemplates {

    /** The cost figures a text may quote, from the decision's cost estimate. */
    public static final List<String> COST_FIGURES = List.of("monthly_prompt_cost", "monthly_saving",
            "behavior_changes_per_month", "retraining_cost_per_month", "net_monthly_saving", "break_even_months",
            "training_runs_over_horizon");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** A piece of a text: literal text, or (when {@code placeholder} is set) a name to fill in. */
    public record Part(String literal, String placeholder) {
    }

    private record Problem(String token, String message) {
    }

    private TextTemplates() {
    }

    /**
     * As {@link #parse}, remembered: every decision renders the same catalogue texts again. The
     * cache holds at most {@link #REMEMBERED} texts (the versions of a long-running service add
     * theirs); past that it starts over.
     */
    public static List<Part> parsed(String text) {
        List<Part> parts = PARSED.get(text);
        if (parts == null) {
            if (PARSED.size() >= REMEMBERED) {
                PARSED.clear();
            }
            parts = List.copyOf(parse(text));
            PARSED.put(text, parts);
        }
        return parts;
    }

    private static final int REMEMBERED = 10_000;
    private static final Map<String, List<Part>> PARSED = new ConcurrentHashMap<>();

    /** The text cut into literals and placeholders; a brace that starts no placeholder stays literal. */
    public static List<Part> parse(String text) {
        List<Part> parts = new ArrayList<>();
        int start = 0;
        int open = text.indexOf('{');
        while (open >= 0) {
            int close = text.indexOf('}', open);
            String name = close < 0 ? null : text.substring(open + 1, close);
            if (name != null && NAME.matcher(name).matches()) {
                if (open > start) {
                    parts.add(new Part(text.substring(start, open), null));
                }
                parts.add(new Part(null, name));
                start = close + 1;
            }
            open = text.indexOf('{', open + 1);
        }
        if (start < text.length()) {
            parts.add(new Part(text.substring(start), null));
        }
        return parts;
    }

    /** Every placeholder name of a text, in order. */
    public static List<String> names(String text) {
        return parse(text).stream().filter(p -> p.placeholder() != null).map(Part::placeholder).toList();
    }

    /** Unknown placeholders and stray braces in every text of the catalogue, located in its file. */
    static List<InputError> check(String file, String content, Catalogue catalogue, Set<String> known) {
        List<InputError> errors = new ArrayList<>();
        YamlPositions positions = YamlPositions.of(content);
        for (Catalogue.Entry entry : catalogue.entries()) {
            int codeAt = positions.find("code", entry.code()).map(YamlPositions.Entry::keyStart).orElse(0);
            int nextCode = positions.nextStart(codeAt, "code");
            entry.texts().forEach((field, text) -> {
                for (Problem problem : located(text, known)) {
                    String key = field.startsWith("variants.") ? field.substring("variants.".length()) : field;
                    int at = positions.findBetween(codeAt, nextCode, key)
                            .map(e -> positions.offsetInValue(e, problem.token())).orElse(codeAt);
                    errors.add(positions.at(file, at, "unknown_placeholder", entry.code() + " " + field + ": " + problem.message()));
                }
            });
        }
        return errors;
    }

    /** What is wrong with the placeholders of one text, one message each; empty when nothing is. */
    static List<String> problems(String text, Set<String> known) {
        return located(text, known).stream().map(Problem::message).toList();
    }

    private static List<Problem> located(String text, Set<String> known) {
        List<Problem> problems = new ArrayList<>();
        for (String name : names(text)) {
            if (!known.contains(name)) {
                problems.add(new Problem("{" + name + "}", "placeholder {" + name + "} names no question, parameter or cost figure"));
            }
        }
        String rest = String.join("", parse(text).stream().filter(p -> p.literal() != null).map(Part::literal).toList());
        for (char brace : new char[] {'{', '}'}) {
            int at = rest.indexOf(brace);
            if (at >= 0) {
                int end = at + 1;
                while (end < rest.length() && end < at + 30 && !Character.isWhitespace(rest.charAt(end))) {
                    end++;
                }
                problems.add(new Problem(rest.substring(at, end), "'" + rest.substring(at, end) + "' is not a placeholder; write {name}"
                        + " with a question, parameter or cost figure, and no other braces"));
            }
        }
        return problems;
    }
}

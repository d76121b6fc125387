package io.triage.explain;

import io.triage.engine.Evaluator;
import io.triage.facts.Answer;
import io.triage.facts.Parameter;
import io.triage.questionnaire.Question;
import io.triage.questionnaire.NumberType;
import io.triage.rules.RuleSet;
import io.triage.questionnaire.EffectiveAnswers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tries alternatives of one answer on one rule-set version and says what the rules conclude then.
 * The answers are changed as facts (questionnaire order kept, defaults applied as validation would),
 * so nothing is parsed again per try; every try runs the real engine with its budget. Results are
 * remembered per (question, value), and the number of engine runs is capped: past the cap the search
 * stops and says it is incomplete, so the cost of one request is bounded, and the same decision on the
 * same version always gets the same answer (a count, not a clock).
 *
 * <p>Not thread-safe: one per request.
 */
final class Probe {

    /** How many engine runs one request may make. */
    static final int MAX_EVALUATIONS = 4000;

    /** A segment of a number question's range where the rules conclude the same codes. */
    record Segment(BigDecimal from, BigDecimal to, List<String> codes) {
    }

    static final class LimitReached extends RuntimeException {
        LimitReached() {
            super("the search reached its limit of " + MAX_EVALUATIONS + " evaluations", null, false, false);
        }
    }

    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_0-9.])[0-9]+(?:\\.[0-9]+)?(?![A-Za-z_0-9])");

    private final RuleSet ruleSet;
    private final Evaluator evaluator;
    private final List<Answer> base;
    private final Map<String, Map<Object, Evaluator.Outcome>> memo = new HashMap<>();
    private final List<BigDecimal> parameters;
    private final Map<String, List<BigDecimal>> literals;
    private final int limit;
    private int evaluations;
    private Evaluator.Outcome baseline;

    Probe(RuleSet ruleSet, Evaluator evaluator, EffectiveAnswers answers) {
        this(ruleSet, evaluator, answers, MAX_EVALUATIONS);
    }

    Probe(RuleSet ruleSet, Evaluator evaluator, EffectiveAnswers answers, int limit) {
        this.ruleSet = ruleSet;
        this.evaluator = evaluator;
        this.base = answers.facts();
        this.limit = limit;
        this.parameters = ruleSet.parameters().facts().stream().map(Parameter::getExact).toList();
        this.literals = literals(ruleSet);
    }

    RuleSet ruleSet() {
        return ruleSet;
    }

    /** Engine runs made since this probe was made (or since {@link #resetCount()}); remembered ones are free. */
    int evaluations() {
        return evaluations;
    }

    void resetCount() {
        evaluations = 0;
    }

    /** The answer now given for the question (or its default), null if it has none. */
    Answer current(String question) {
        for (Answer a : base) {
            if (a.getQuestion().equals(question)) {
                return a;
            }
        }
        return null;
    }

    Evaluator.Outcome baseline() {
        if (baseline == null) {
            baseline = run(base);
        }
        return baseline;
    }

    /**
     * What the rules conclude when the question is answered with {@code value} instead (null: left
     * unanswered, so its default if it has one).
     */
    Evaluator.Outcome with(Question question, Object value) {
        Map<Object, Evaluator.Outcome> known = memo.computeIfAbsent(question.id(), q -> new HashMap<>());
        Object key = value == null ? Unanswered.INSTANCE : value;
        Evaluator.Outcome outcome = known.get(key);
        if (outcome != null) {
            return outcome;
        }
        List<Answer> facts = new ArrayList<>(base.size() + 1);
        boolean placed = false;
        int position = ruleSet.questionnaire().positionOf(question.id());
        for (Answer a : base) {
            if (!placed && ruleSet.questionnaire().positionOf(a.getQuestion()) >= position) {
                Answer changed = answer(question, value);
                if (changed != null) {
                    facts.add(changed);
                }
                placed = true;
                if (a.getQuestion().equals(question.id())) {
                    continue;
                }
            }
            facts.add(a);
        }
        if (!placed) {
            Answer changed = answer(question, value);
            if (changed != null) {
                facts.add(changed);
            }
        }
        outcome = run(facts);
        known.put(key, outcome);
        return outcome;
    }

    private static Answer answer(Question question, Object value) {
        if (value == null) {
            return question.hasDefault() ? new Answer(question.id(), question.defaultValue(), true) : null;
        }
        return new Answer(question.id(), value, false);
    }

    private Evaluator.Outcome run(List<Answer> facts) {
        if (evaluations >= limit) {
            throw new LimitReached();
        }
        evaluations++;
        return evaluator.outcome(ruleSet, new EffectiveAnswers(ruleSet.questionnaire().version(), facts));
    }

    /** The smallest change a number answer can make: 1 for whole numbers, else a cent (finer if the answer is). */
    static BigDecimal step(Question question, BigDecimal current) {
        if (question.type() instanceof NumberType number && number.integer()) {
            return BigDecimal.ONE;
        }
        int scale = current == null ? 2 : Math.min(6, Math.max(2, current.stripTrailingZeros().scale()));
        return BigDecimal.ONE.movePointLeft(scale);
    }

    /**
     * The question's whole range cut into segments of equal conclusions, each boundary exact to one
     * step: the value where the conclusions first differ from those one step below. Tries the powers
     * of ten in the range, the current answer, every number the rules and parameters mention (and
     * one step below each), then bisects every gap whose two ends conclude differently.
     */
    List<Segment> segments(Question question, BigDecimal current) {
        if (!(question.type() instanceof NumberType number)) {
            throw new IllegalArgumentException("not a number question: " + question.id());
        }
        BigDecimal step = step(question, current);
        long lo = units(number.min(), step, RoundingMode.CEILING);
        long hi = units(number.max(), step, RoundingMode.FLOOR);
        TreeSet<Long> points = new TreeSet<>();
        points.add(lo);
        points.add(hi);
        if (current != null) {
            points.add(clamp(units(current, step, RoundingMode.FLOOR), lo, hi));
            points.add(clamp(units(current, step, RoundingMode.CEILING), lo, hi));
        }
        List<BigDecimal> near = new ArrayList<>(parameters);
        near.addAll(literals.getOrDefault(question.id(), List.of()));
        for (BigDecimal literal : near) {
            long u = units(literal, step, RoundingMode.CEILING);
            if (u >= lo && u <= hi) {
                points.add(u);
                if (u - 1 >= lo) {
                    points.add(u - 1);
                }
            }
        }
        for (BigDecimal g : grid(number.min(), number.max())) {
            long u = units(g, step, RoundingMode.CEILING);
            if (u >= lo && u <= hi) {
                points.add(u);
            }
        }
        List<Long> sorted = new ArrayList<>(points);
        Map<Long, List<String>> codes = new LinkedHashMap<>();
        for (Long p : sorted) {
            codes.put(p, at(question, p, step));
        }
        TreeSet<Long> boundaries = new TreeSet<>();
        for (int i = 1; i < sorted.size(); i++) {
            long a = sorted.get(i - 1);
            long b = sorted.get(i);
            if (!codes.get(a).equals(codes.get(b))) {
                bisect(question, step, a, codes.get(a), b, codes.get(b), boundaries);
            }
        }
        List<Segment> segments = new ArrayList<>(boundaries.size() + 1);
        long from = lo;
        for (long b : boundaries) {
            segments.add(new Segment(value(from, step), value(b - 1, step), at(question, from, step)));
            from = b;
        }
        segments.add(new Segment(value(from, step), value(hi, step), at(question, from, step)));
        return segments;
    }

    /** Every boundary between a and b (their conclusions differ), each exact to one step. */
    private void bisect(Question question, BigDecimal step, long a, List<String> codesA, long b, List<String> codesB,
                        TreeSet<Long> boundaries) {
        if (b - a == 1) {
            boundaries.add(b);
            return;
        }
        long mid = a + (b - a) / 2;
        List<String> codesMid = at(question, mid, step);
        if (!codesMid.equals(codesA)) {
            bisect(question, step, a, codesA, mid, codesMid, boundaries);
        }
        if (!codesMid.equals(codesB)) {
            bisect(question, step, mid, codesMid, b, codesB, boundaries);
        }
    }

    List<String> at(Question question, long units, BigDecimal step) {
        return with(question, value(units, step)).codes();
    }

    static BigDecimal value(long units, BigDecimal step) {
        BigDecimal v = step.multiply(BigDecimal.valueOf(units)).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    private static long units(BigDecimal value, BigDecimal step, RoundingMode rounding) {
        return value.divide(step, 0, rounding).longValueExact();
    }

    private static long clamp(long u, long lo, long hi) {
        return Math.max(lo, Math.min(hi, u));
    }

    /** 0.01, 0.1, 1, 10, … within the range (and their negatives for a range below zero), and 0. */
    static List<BigDecimal> grid(BigDecimal min, BigDecimal max) {
        List<BigDecimal> grid = new ArrayList<>();
        grid.add(BigDecimal.ZERO);
        BigDecimal top = max.abs().max(min.abs());
        for (int exponent = -2; BigDecimal.ONE.scaleByPowerOfTen(exponent).compareTo(top) <= 0; exponent++) {
            for (int m : new int[]{1}) {
                BigDecimal g = BigDecimal.valueOf(m).scaleByPowerOfTen(exponent);
                if (g.compareTo(max) <= 0 && g.compareTo(min) >= 0) {
                    grid.add(g);
                }
                if (g.negate().compareTo(min) >= 0 && g.negate().compareTo(max) <= 0) {
                    grid.add(g.negate());
                }
            }
        }
        return grid;
    }

    /**
     * Per question, the numbers the rules compare its answer with: those inside an
     * {@code Answer(...)} pattern that names the question. Thresholds on derived figures (the cost
     * estimate against the horizon) are found by bisection instead.
     */
    private static Map<String, List<BigDecimal>> literals(RuleSet ruleSet) {
        Map<String, TreeSet<BigDecimal>> found = new HashMap<>();
        for (String text : ruleSet.files().drlFiles().values()) {
            Matcher pattern = ANSWER_PATTERN.matcher(text);
            while (pattern.find()) {
                String inside = pattern.group(1);
                Matcher question = QUESTION.matcher(inside);
                if (!question.find()) {
                    continue;
                }
                Matcher m = NUMBER.matcher(inside.replace(question.group(0), ""));
                while (m.find()) {
                    found.computeIfAbsent(question.group(1), q -> new TreeSet<>()).add(new BigDecimal(m.group()));
                }
            }
        }
        Map<String, List<BigDecimal>> lists = new HashMap<>();
        found.forEach((q, numbers) -> lists.put(q, List.copyOf(numbers)));
        return lists;
    }

    private static final Pattern ANSWER_PATTERN = Pattern.compile("Answer\\s*\\(([^()]*)\\)");
    private static final Pattern QUESTION = Pattern.compile("question\\s*==\\s*\"([a-z0-9_]+)\"");

    /** The memo key of "left unanswered". */
    private enum Unanswered {
        INSTANCE
    }
}

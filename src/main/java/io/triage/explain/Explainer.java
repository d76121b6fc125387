package io.triage.explain;

import io.triage.rules.RecommendationKind;
import io.triage.engine.Evaluator;
import io.triage.engine.Figures;
import io.triage.facts.Answer;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.questionnaire.Question;
import io.triage.questionnaire.NumberType;
import io.triage.questionnaire.Section;
import io.triage.rules.Catalogue;
import io.triage.rules.RuleSet;
import io.triage.rules.TermLabels;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "What would change the advice" and "what to ask next" for one decision, computed by running the
 * decision's own rule-set version on alternatives of one answer at a time (see {@link Probe}).
 * Plain Java: a pure function of (rule-set version, effective answers), so an auditor with the
 * export bundle gets the same result.
 *
 * <p>INVARIANT: only trusted versions (the active one, or one that passed validation) are given
 * here; this runs in the service's own process.
 */
public final class Explainer {

    private final Evaluator evaluator;
    private final int limit;

    public Explainer(Evaluator evaluator) {
        this(evaluator, Probe.MAX_EVALUATIONS);
    }

    public Explainer(Evaluator evaluator, int limit) {
        this.evaluator = evaluator;
        this.limit = limit;
    }

    /** Both explanations of one decision, sharing the engine runs they have in common. */
    public record Both(WhatWouldChange whatWouldChange, AskNext askNext) {
    }

    public Both both(String decisionId, RuleSet ruleSet, EffectiveAnswers answers, Set<String> given) {
        Probe probe = new Probe(ruleSet, evaluator, answers, limit);
        WhatWouldChange changes = whatWouldChange(decisionId, probe);
        // the limit is per explanation: the second gets its own budget on the shared memo
        probe.resetCount();
        AskNext next = askNext(decisionId, probe, given);
        return new Both(changes, next);
    }

    public WhatWouldChange whatWouldChange(String decisionId, RuleSet ruleSet, EffectiveAnswers answers) {
        return whatWouldChange(decisionId, new Probe(ruleSet, evaluator, answers, limit));
    }

    private WhatWouldChange whatWouldChange(String decisionId, Probe probe) {
        RuleSet ruleSet = probe.ruleSet();
        List<String> now = probe.baseline().codes();
        Catalogue catalogue = ruleSet.catalogue();
        Set<String> askedAbout = askedAbout(ruleSet, probe.baseline().terms());
        Map<String, List<WhatWouldChange.Change>> byCode = new LinkedHashMap<>();
        boolean complete = true;
        try {
            for (Question q : ruleSet.questionnaire().questions()) {
                Answer current = probe.current(q.id());
                if (current == null) {
                    continue;
                }
                if (q.type() instanceof NumberType) {
                    numberChanges(probe, q, current, now, byCode);
                } else {
                    for (Object alternative : q.type().alternatives()) {
                        if (alternative.equals(current.getValue())) {
                            continue;
                        }
                        List<String> then = probe.with(q, alternative).codes();
                        for (String code : union(now, then)) {
                            boolean before = now.contains(code);
                            if (before != then.contains(code)) {
                                byCode.computeIfAbsent(code, c -> new ArrayList<>()).add(new WhatWouldChange.Change(
                                        q.id(), q.label(), current.getValue(), current.isDefaulted(), alternative, null, "to",
                                        before ? "removes" : "adds", shown(q, current.getValue()) + " → " + shown(q, alternative)));
                            }
                        }
                    }
                }
            }
        } catch (Probe.LimitReached e) {
            complete = false;
        }
        List<WhatWouldChange.CodeChanges> codes = new ArrayList<>();
        for (Catalogue.Entry entry : catalogue.entries()) {
            boolean present = now.contains(entry.code());
            List<WhatWouldChange.Change> changes = byCode.getOrDefault(entry.code(), List.of());
            if (present || (entry.kind() == RecommendationKind.STRATEGY && (!changes.isEmpty() || askedAbout.contains(entry.code())))) {
                codes.add(new WhatWouldChange.CodeChanges(entry.code(), entry.kind(), entry.title(), present,
                        !present && askedAbout.contains(entry.code()), List.copyOf(changes)));
            }
        }
        return new WhatWouldChange(decisionId, ruleSet.version(), now, complete, probe.evaluations(), codes);
    }

    /**
     * The nearest threshold in each direction for every code whose presence changes somewhere along
     * the question's range.
     */
    private static void numberChanges(Probe probe, Question q, Answer current, List<String> now,
                                      Map<String, List<WhatWouldChange.Change>> byCode) {
        BigDecimal value = (BigDecimal) current.getValue();
        List<Probe.Segment> segments = probe.segments(q, value);
        int here = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).from().compareTo(value) <= 0) {
                here = i;
            }
        }
        Set<String> codes = new LinkedHashSet<>(now);
        segments.forEach(s -> codes.addAll(s.codes()));
        List<String> ordered = new ArrayList<>(codes);
        ordered.sort(Comparator.comparingInt(probe.ruleSet().catalogue()::positionOf));
        BigDecimal step = Probe.step(q, value);
        for (String code : ordered) {
            boolean before = now.contains(code);
            for (int i = here - 1; i >= 0; i--) {
                if (segments.get(i).codes().contains(code) != before) {
                    BigDecimal threshold = segments.get(i + 1).from();
                    byCode.computeIfAbsent(code, c -> new ArrayList<>()).add(new WhatWouldChange.Change(q.id(), q.label(),
                            value, current.isDefaulted(), threshold.subtract(step), threshold, "below",
                            before ? "removes" : "adds", "below " + Figures.plain(threshold) + " (now " + Figures.plain(value) + ")"));
                    break;
                }
            }
            for (int i = here + 1; i < segments.size(); i++) {
                if (segments.get(i).codes().contains(code) != before) {
                    BigDecimal threshold = segments.get(i).from();
                    byCode.computeIfAbsent(code, c -> new ArrayList<>()).add(new WhatWouldChange.Change(q.id(), q.label(),
                            value, current.isDefaulted(), threshold, threshold, "from",
                            before ? "removes" : "adds", Figures.plain(threshold) + " or more (now " + Figures.plain(value) + ")"));
                    break;
                }
            }
        }
    }

    public AskNext askNext(String decisionId, RuleSet ruleSet, EffectiveAnswers answers, Set<String> given) {
        return askNext(decisionId, new Probe(ruleSet, evaluator, answers, limit), given);
    }

    private AskNext askNext(String decisionId, Probe probe, Set<String> given) {
        RuleSet ruleSet = probe.ruleSet();
        List<String> now = probe.baseline().codes();
        Catalogue catalogue = ruleSet.catalogue();
        List<AskNext.Suggestion> suggestions = new ArrayList<>();
        boolean complete = true;
        Map<String, Integer> order = new LinkedHashMap<>();
        try {
            for (Section section : ruleSet.questionnaire().sections()) {
                for (Question q : section.questions()) {
                    order.put(q.id(), order.size());
                    if (given.contains(q.id())) {
                        continue;
                    }
                    Answer current = probe.current(q.id());
                    List<AskNext.Outcome> outcomes = new ArrayList<>();
                    int weight = 0;
                    if (q.type() instanceof NumberType) {
                        BigDecimal assumed = current == null ? null : (BigDecimal) current.getValue();
                        List<Probe.Segment> segments = probe.segments(q, assumed);
                        // adjacent ranges that change the same things are one outcome
                        AskNext.Outcome pending = null;
                        for (Probe.Segment s : segments) {
                            Diff diff = diff(catalogue, now, s.codes());
                            if (pending != null && pending.adds().equals(diff.adds()) && pending.removes().equals(diff.removes())) {
                                pending = range(catalogue, q, pending.from(), s.to(), diff);
                                continue;
                            }
                            if (pending != null) {
                                outcomes.add(pending);
                            }
                            pending = diff.isEmpty() ? null : range(catalogue, q, s.from(), s.to(), diff);
                            weight = Math.max(weight, diff.weight());
                        }
                        if (pending != null) {
                            outcomes.add(pending);
                        }
                    } else {
                        for (Object alternative : q.type().alternatives()) {
                            if (current != null && alternative.equals(current.getValue())) {
                                continue;
                            }
                            Diff diff = diff(catalogue, now, probe.with(q, alternative).codes());
                            if (!diff.isEmpty()) {
                                String answer = shown(q, alternative);
                                outcomes.add(new AskNext.Outcome(alternative, null, null, answer, diff.adds, diff.removes,
                                        answer + ": " + diff.text(catalogue)));
                                weight = Math.max(weight, diff.weight());
                            }
                        }
                    }
                    if (!outcomes.isEmpty()) {
                        String text = current == null ? "Not answered yet"
                                : "Not answered: " + shown(q, current.getValue()) + " was assumed (the default)";
                        suggestions.add(new AskNext.Suggestion(q.id(), q.label(), section.title(), current != null,
                                current == null ? null : current.getValue(), weight, text, List.copyOf(outcomes)));
                    }
                }
            }
        } catch (Probe.LimitReached e) {
            complete = false;
        }
        suggestions.sort(Comparator.comparingInt(AskNext.Suggestion::weight).reversed()
                .thenComparingInt(s -> order.getOrDefault(s.question(), Integer.MAX_VALUE)));
        return new AskNext(decisionId, ruleSet.version(), complete, probe.evaluations(), List.copyOf(suggestions));
    }

    private static AskNext.Outcome range(Catalogue catalogue, Question q, BigDecimal from, BigDecimal to, Diff diff) {
        String answer = from.compareTo(to) == 0 ? Figures.plain(from)
                : to.compareTo(((NumberType) q.type()).max()) == 0 ? Figures.plain(from) + " or more"
                : from.compareTo(((NumberType) q.type()).min()) == 0 ? "up to " + Figures.plain(to)
                : Figures.plain(from) + " to " + Figures.plain(to);
        return new AskNext.Outcome(null, from, to, answer, diff.adds, diff.removes, answer + ": " + diff.text(catalogue));
    }

    /**
     * What matters for "ask next": strategies added or removed, blocking prerequisites added. The
     * weight ranks suggestions: a strategy change counts 10, a blocking prerequisite 5, each code
     * moved one more.
     */
    private record Diff(List<String> adds, List<String> removes, int weight) {
        boolean isEmpty() {
            return adds.isEmpty() && removes.isEmpty();
        }

        String text(Catalogue catalogue) {
            List<String> parts = new ArrayList<>();
            adds.forEach(c -> parts.add("adds “" + title(catalogue, c) + "”"));
            removes.forEach(c -> parts.add("removes “" + title(catalogue, c) + "”"));
            return String.join("; ", parts);
        }
    }

    private static Diff diff(Catalogue catalogue, List<String> now, List<String> then) {
        List<String> adds = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        for (String code : then) {
            if (!now.contains(code) && matters(catalogue, code)) {
                adds.add(code);
            }
        }
        for (String code : now) {
            if (!then.contains(code) && catalogue.entry(code).map(e -> e.kind() == RecommendationKind.STRATEGY).orElse(false)) {
                removes.add(code);
            }
        }
        int weight = adds.size() + removes.size();
        boolean strategy = !removes.isEmpty() || adds.stream().anyMatch(c -> kind(catalogue, c) == RecommendationKind.STRATEGY);
        weight += strategy ? 10 : 0;
        weight += adds.stream().anyMatch(c -> kind(catalogue, c) != RecommendationKind.STRATEGY) ? 5 : 0;
        return new Diff(List.copyOf(adds), List.copyOf(removes), weight);
    }

    private static RecommendationKind kind(Catalogue catalogue, String code) {
        return catalogue.entry(code).map(Catalogue.Entry::kind).orElse(null);
    }

    private static boolean matters(Catalogue catalogue, String code) {
        return catalogue.entry(code).map(e -> e.kind() == RecommendationKind.STRATEGY || e.isBlocking()).orElse(false);
    }

    static String title(Catalogue catalogue, String code) {
        return catalogue.entry(code).map(Catalogue.Entry::title).orElse(code);
    }

    /** Strategies the buyer put on the table: named by {@code asksAbout} of a term the rules drew. */
    private static Set<String> askedAbout(RuleSet ruleSet, List<String> terms) {
        Set<String> asked = new HashSet<>();
        for (String term : terms) {
            ruleSet.terms().get(term).map(TermLabels.Label::asksAbout).ifPresent(asked::addAll);
        }
        return asked;
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** An answer in the questionnaire's words: a choice's label, Yes/No, a number with grouping. */
    static String shown(Question q, Object value) {
        if (value instanceof Boolean b) {
            return b ? "Yes" : "No";
        }
        if (value instanceof BigDecimal n) {
            return Figures.plain(n);
        }
        return q.type().shown(value);
    }
}

package io.triage.engine;

import io.triage.facts.Answer;
import io.triage.facts.CostEstimate;
import io.triage.facts.Recommendation;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.Catalogue;
import io.triage.rules.RuleSet;
import io.triage.rules.SessionPool;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one rule-set version on one set of answers: a clean session with a trace listener, then
 * recommendations (with catalogue texts and evidence), the cost estimate and the trace, all read
 * back from what the engine reported. Thread-safe; holds no state between calls.
 */
public final class Evaluator {

    private final EvaluationBudget budget;

    public Evaluator() {
        this(EvaluationBudget.DEFAULT);
    }

    public Evaluator(EvaluationBudget budget) {
        this.budget = budget;
    }

    public EvaluationBudget budget() {
        return budget;
    }

    /**
     * @throws OverBudgetException  the rules went past the budget (looping, flooding, too slow)
     * @throws EvaluationException  a rule failed or concluded something outside the catalogue
     */
    public Evaluation evaluate(RuleSet ruleSet, EffectiveAnswers answers) {
        Catalogue catalogue = ruleSet.catalogue();
        TraceListener trace = new TraceListener(budget, code -> catalogue.entry(code).isPresent());
        SessionPool pool = ruleSet.sessions();
        KieSession session = pool.take();
        boolean clean = false;
        session.addEventListener((AgendaEventListener) trace);
        session.addEventListener((RuleRuntimeEventListener) trace);
        try {
            for (Answer answer : answers.facts()) {
                session.insert(answer);
            }
            session.fireAllRules(budget.maxFirings() + 1);
            clean = trace.overBudget == null;
        } catch (RuntimeException | Error e) {
            throw failure(e);
        } finally {
            session.removeEventListener((AgendaEventListener) trace);
            session.removeEventListener((RuleRuntimeEventListener) trace);
            // INVARIANT: only a session that ran to its end within budget is reset and reused
            if (clean) {
                pool.giveBack(session);
            } else {
                pool.discard(session);
            }
        }
        if (trace.overBudget != null) {
            throw new OverBudgetException(trace.overBudget);
        }
        EvidenceFinder evidence = new EvidenceFinder(trace, answers.facts());
        return new Evaluation(
                recommendations(ruleSet.catalogue(), trace, evidence),
                cost(trace, evidence),
                trace.firings.stream().map(TraceListener.Firing::toEntry).toList());
    }

    private static List<RecommendationResult> recommendations(Catalogue catalogue, TraceListener trace,
                                                              EvidenceFinder evidence) {
        // One entry per code: several firings may conclude the same code (a rule with 'or', or one
        // matching several supporting facts); the first firing names the rule, all give evidence.
        Map<String, List<Recommendation>> byCode = new LinkedHashMap<>();
        for (Object fact : trace.inserted) {
            if (fact instanceof Recommendation r) {
                byCode.computeIfAbsent(r.getCode(), c -> new ArrayList<>(2)).add(r);
            }
        }
        List<RecommendationResult> results = new ArrayList<>(byCode.size());
        byCode.forEach((code, facts) -> {
            Catalogue.Entry entry = catalogue.entry(code).orElseThrow(() -> new EvaluationException(
                    "rule '" + trace.producedBy.get(facts.get(0)).rule + "' concluded code '" + code
                            + "', which has no texts in recommendations.yaml"));
            String rule = trace.producedBy.get(facts.get(0)).rule;
            results.add(new RecommendationResult(code, entry.kind(), entry.title(), entry.rationale(), entry.source(),
                    entry.isBlocking(), entry.avoid(), entry.say(), rule, evidence.of(facts)));
        });
        results.sort(Comparator.comparingInt(r -> catalogue.positionOf(r.code())));
        return results;
    }

    private static CostResult cost(TraceListener trace, EvidenceFinder evidence) {
        for (Object fact : trace.inserted) {
            if (fact instanceof CostEstimate c) {
                List<Evidence> used = evidence.of(List.of(c));
                Map<String, Object> assumptions = new LinkedHashMap<>();
                List<String> defaults = new ArrayList<>();
                for (Evidence e : used) {
                    assumptions.put(e.question(), e.answer());
                    if (e.defaulted()) {
                        defaults.add(e.question());
                    }
                }
                return new CostResult(c.getMonthlyPromptCost(), c.getMonthlySavingIfFineTuned(), c.getBreakEvenMonths(),
                        Collections.unmodifiableMap(assumptions), List.copyOf(defaults));
            }
        }
        return null;
    }

    /** Our own refusals pass through Drools' wrapping as they are; anything else is a failed rule. */
    private static EvaluationException failure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EvaluationException ours) {
                return ours;
            }
        }
        if (e instanceof StackOverflowError || e instanceof OutOfMemoryError) {
            return new OverBudgetException("the rules ran out of room on these answers");
        }
        String message = rootMessage(e);
        return new EvaluationException("a rule failed while evaluating: "
                + (message.length() > 200 ? message.substring(0, 197) + "..." : message), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * Follows facts back through the firings that inserted them to the answers underneath. Firings
     * come in order and a fact is always inserted before a rule can match it, so one pass gives
     * every firing the set of answers behind it.
     */
    private static final class EvidenceFinder {
        private final TraceListener trace;
        private final List<Answer> answers;
        private final Map<Object, Integer> answerIndex = new IdentityHashMap<>();

        EvidenceFinder(TraceListener trace, List<Answer> answers) {
            this.trace = trace;
            this.answers = answers;
            for (int i = 0; i < answers.size(); i++) {
                answerIndex.put(answers.get(i), i);
            }
            for (TraceListener.Firing firing : trace.firings) {
                BitSet behind = new BitSet(answers.size());
                for (Object fact : firing.matchedFacts) {
                    behind.or(answersBehind(fact));
                }
                firing.answers = behind;
            }
        }

        private BitSet answersBehind(Object fact) {
            Integer index = answerIndex.get(fact);
            if (index != null) {
                BitSet one = new BitSet(answers.size());
                one.set(index);
                return one;
            }
            TraceListener.Firing producer = trace.producedBy.get(fact);
            return producer == null || producer.answers == null ? new BitSet() : producer.answers;
        }

        /** Evidence in questionnaire order (the order the answers were asserted in). */
        List<Evidence> of(List<?> facts) {
            BitSet behind = new BitSet(answers.size());
            for (Object fact : facts) {
                behind.or(answersBehind(fact));
            }
            List<Evidence> evidence = new ArrayList<>(behind.cardinality());
            for (int i = behind.nextSetBit(0); i >= 0; i = behind.nextSetBit(i + 1)) {
                Answer a = answers.get(i);
                evidence.add(new Evidence(a.getQuestion(), a.getValue(), a.isDefaulted()));
            }
            return evidence;
        }
    }
}

package io.triage.engine;

import io.triage.facts.Answer;
import io.triage.facts.CostEstimate;
import io.triage.facts.Parameter;
import io.triage.facts.Recommendation;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.Catalogue;
import io.triage.rules.RuleSet;
import io.triage.rules.SessionPool;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

import java.math.BigDecimal;
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
        TraceListener trace = run(ruleSet, answers);
        EvidenceFinder evidence = new EvidenceFinder(trace, answers.facts(), ruleSet.parameters().facts());
        CostResult cost = cost(trace, evidence);
        TextRenderer texts = new TextRenderer(answers.facts(), ruleSet.parameters().facts(), cost);
        List<String> gaps = new ArrayList<>(0);
        WhyTrees why = ruleSet.terms().present() ? new WhyTrees(ruleSet, trace, texts, cost, gaps) : null;
        return new Evaluation(
                recommendations(ruleSet.catalogue(), trace, evidence, texts, why, gaps),
                cost,
                trace.firings.stream().map(TraceListener.Firing::toEntry).toList(),
                List.copyOf(gaps));
    }

    /**
     * Only the codes the rules conclude (catalogue order) and the terms they draw: the same session,
     * budget and checks as {@link #evaluate}, without texts, evidence or trees. What counterfactual
     * searches run hundreds of times per decision.
     */
    public Outcome outcome(RuleSet ruleSet, EffectiveAnswers answers) {
        Catalogue catalogue = ruleSet.catalogue();
        TraceListener trace = run(ruleSet, answers);
        BitSet concluded = new BitSet(64);
        List<String> terms = new ArrayList<>(8);
        for (Object fact : trace.inserted) {
            if (fact instanceof Recommendation r) {
                concluded.set(catalogue.positionOf(r.getCode()));
            } else if (fact instanceof io.triage.facts.Term t) {
                terms.add(t.getName());
            }
        }
        List<String> codes = new ArrayList<>(concluded.cardinality());
        for (int i = concluded.nextSetBit(0); i >= 0; i = concluded.nextSetBit(i + 1)) {
            codes.add(catalogue.codeAt(i));
        }
        return new Outcome(List.copyOf(codes), terms.stream().sorted().distinct().toList());
    }

    /** What {@link #outcome} reports: codes in catalogue order, term names sorted. */
    public record Outcome(List<String> codes, List<String> terms) {
    }

    /** One run of the rules on a session from the version's pool, traced and within budget. */
    private TraceListener run(RuleSet ruleSet, EffectiveAnswers answers) {
        TraceListener trace = new TraceListener(budget, ruleSet);
        SessionPool pool = ruleSet.sessions();
        KieSession session = pool.take();
        boolean clean = false;
        session.addEventListener((AgendaEventListener) trace);
        session.addEventListener((RuleRuntimeEventListener) trace);
        try {
            for (Answer answer : answers.facts()) {
                session.insert(answer);
            }
            for (Parameter parameter : ruleSet.parameters().facts()) {
                session.insert(parameter);
            }
            session.fireAllRules(budget.maxFirings() + 1);
            if (trace.overBudget == null) {
                refuseUnlistedCodes(ruleSet.catalogue(), trace);
                clean = true;
            }
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
        return trace;
    }

    private static List<RecommendationResult> recommendations(Catalogue catalogue, TraceListener trace,
                                                              EvidenceFinder evidence, TextRenderer texts,
                                                              WhyTrees why, List<String> gaps) {
        // One entry per code: several firings may conclude the same code (a rule with 'or', or one
        // matching several supporting facts); the first firing names the rule and the text variant,
        // all give evidence.
        Map<String, List<Recommendation>> byCode = new LinkedHashMap<>();
        for (Object fact : trace.inserted) {
            if (fact instanceof Recommendation r) {
                byCode.computeIfAbsent(r.getCode(), c -> new ArrayList<>(2)).add(r);
            }
        }
        List<RecommendationResult> results = new ArrayList<>(byCode.size());
        byCode.forEach((code, facts) -> {
            Catalogue.Entry entry = catalogue.entry(code).orElseThrow(() -> unknownCode(trace, facts.get(0)));
            String rule = trace.producerOf(facts.get(0)).rule;
            String variant = facts.get(0).getVariant();
            String rationale = entry.rationale(variant).orElseThrow(() -> new EvaluationException("rule '" + rule
                    + "' chose text variant '" + variant + "' of code '" + code + "', which recommendations.yaml does not have"));
            results.add(new RecommendationResult(code, entry.kind(), texts.render(code, entry.title(), gaps),
                    texts.render(code, rationale, gaps), entry.source(), entry.isBlocking(),
                    texts.render(code, entry.avoid(), gaps), texts.render(code, entry.say(), gaps), rule,
                    evidence.of(facts), variant, why == null ? null : why.of(facts)));
        });
        results.sort(Comparator.comparingInt(r -> catalogue.positionOf(r.code())));
        return results;
    }

    private static CostResult cost(TraceListener trace, EvidenceFinder evidence) {
        for (Object fact : trace.inserted) {
            if (fact instanceof CostEstimate c) {
                List<Evidence> used = evidence.of(List.of(c));
                Map<String, Object> assumptions = new LinkedHashMap<>();
                Map<String, BigDecimal> parameters = new LinkedHashMap<>();
                List<String> defaults = new ArrayList<>();
                for (Evidence e : used) {
                    if (e.isParameter()) {
                        parameters.put(e.parameter(), (BigDecimal) e.answer());
                        continue;
                    }
                    assumptions.put(e.question(), e.answer());
                    if (e.defaulted()) {
                        defaults.add(e.question());
                    }
                }
                if (c.isWithRetraining()) {
                    CostResult.V2_INPUTS.forEach(q -> assumptions.putIfAbsent(q, null));
                }
                return new CostResult(c.getMonthlyPromptCost(), c.getMonthlySavingIfFineTuned(), c.getBreakEvenMonths(),
                        Collections.unmodifiableMap(assumptions), List.copyOf(defaults),
                        c.getBehaviorChangesPerMonth(), c.getRetrainingCostPerMonth(), c.getNetMonthlySaving(),
                        c.getTrainingRunsOverHorizon(), c.getAmortizes(), c.getHighVolume(),
                        Collections.unmodifiableMap(parameters));
            }
        }
        return null;
    }

    /**
     * The compiler refuses a rule that concludes a code outside the catalogue; this is the check
     * behind it, for a code a rule computes. It runs once the rules have ended, before anything
     * reads the codes, so {@link #evaluate} and {@link #outcome} refuse the same first code alike,
     * and the session is discarded as after any failure.
     */
    private static void refuseUnlistedCodes(Catalogue catalogue, TraceListener trace) {
        for (Object fact : trace.inserted) {
            if (fact instanceof Recommendation r && catalogue.positionOf(r.getCode()) == Catalogue.UNLISTED) {
                throw unknownCode(trace, r);
            }
        }
    }

    private static EvaluationException unknownCode(TraceListener trace, Recommendation concluded) {
        return new EvaluationException("rule '" + trace.producerOf(concluded).rule + "' concluded code '"
                + TraceListener.shorten(concluded.getCode()) + "', which has no texts in recommendations.yaml");
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
     * Follows facts back through the firings that inserted them to the answers and parameters
     * underneath. Firings come in order and a fact is always inserted before a rule can match it, so
     * one pass gives every firing the set of inputs behind it.
     */
    private static final class EvidenceFinder {
        private final TraceListener trace;
        // the session's inputs: answers in questionnaire order, then parameters in file order
        private final List<Object> inputs;
        private final Map<Object, Integer> inputIndex;

        EvidenceFinder(TraceListener trace, List<Answer> answers, List<Parameter> parameters) {
            this.trace = trace;
            this.inputs = new ArrayList<>(answers.size() + parameters.size());
            inputs.addAll(answers);
            inputs.addAll(parameters);
            inputIndex = new IdentityHashMap<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                inputIndex.put(inputs.get(i), i);
            }
            for (TraceListener.Firing firing : trace.firings) {
                BitSet behind = new BitSet(inputs.size());
                for (Object fact : firing.matchedFacts) {
                    addInputsBehind(fact, behind);
                }
                firing.answers = behind;
            }
        }

        private void addInputsBehind(Object fact, BitSet behind) {
            Integer index = inputIndex.get(fact);
            if (index != null) {
                behind.set(index);
                return;
            }
            TraceListener.Firing producer = trace.producerOf(fact);
            if (producer != null && producer.answers != null) {
                behind.or(producer.answers);
            }
        }

        /** Evidence in input order: answers in questionnaire order, then parameters. */
        List<Evidence> of(List<?> facts) {
            BitSet behind = new BitSet(inputs.size());
            for (Object fact : facts) {
                addInputsBehind(fact, behind);
            }
            List<Evidence> evidence = new ArrayList<>(behind.cardinality());
            for (int i = behind.nextSetBit(0); i >= 0; i = behind.nextSetBit(i + 1)) {
                if (inputs.get(i) instanceof Answer a) {
                    evidence.add(Evidence.ofAnswer(a.getQuestion(), a.getValue(), a.isDefaulted()));
                } else if (inputs.get(i) instanceof Parameter p) {
                    evidence.add(Evidence.ofParameter(p.getName(), p.getExact()));
                }
            }
            return evidence;
        }
    }
}

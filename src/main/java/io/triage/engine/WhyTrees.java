package io.triage.engine;

import io.triage.facts.Answer;
import io.triage.facts.CostEstimate;
import io.triage.facts.Parameter;
import io.triage.facts.Recommendation;
import io.triage.facts.Term;
import io.triage.questionnaire.Question;
import io.triage.rules.Catalogue;
import io.triage.rules.Parameters;
import io.triage.rules.RuleInfo;
import io.triage.rules.RuleSet;
import io.triage.rules.TermLabels;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the why-tree of each recommendation from the firings the engine reported: the firings
 * that concluded it, what each matched, and for every term and estimate among those the firing that
 * drew it, down to answers and parameters. Sentences come from the rule set's own data (term
 * labels, question labels and choices, parameter meanings, rule names), with this decision's figures.
 */
final class WhyTrees {

    private final RuleSet ruleSet;
    private final TraceListener trace;
    private final TextRenderer texts;
    private final CostResult cost;
    private final List<String> gaps;
    /** Each answer, parameter and term is described once per decision, however many trees show it. */
    private final IdentityHashMap<Object, String> sentences = new IdentityHashMap<>(64);
    private String costSentence;

    WhyTrees(RuleSet ruleSet, TraceListener trace, TextRenderer texts, CostResult cost, List<String> gaps) {
        this.ruleSet = ruleSet;
        this.trace = trace;
        this.texts = texts;
        this.cost = cost;
        this.gaps = gaps;
    }

    /** One node per firing that concluded the code, in firing order. */
    List<WhyNode> of(List<Recommendation> concluded) {
        // a code is concluded by one or two firings, so a list is the cheapest set of them
        List<TraceListener.Firing> firings = new ArrayList<>(concluded.size());
        Set<Object> expanded = Collections.newSetFromMap(new IdentityHashMap<>(16));
        List<WhyNode> roots = new ArrayList<>(concluded.size());
        for (Recommendation r : concluded) {
            TraceListener.Firing firing = trace.producerOf(r);
            if (firing != null && !firings.contains(firing)) {
                firings.add(firing);
                Optional<RuleInfo> rule = ruleSet.rule(firing.rule);
                roots.add(new WhyNode(WhyNode.Kind.RULE, null, null, false, rule.map(RuleInfo::name).orElse(firing.rule), firing.rule,
                        firing.seq, rule.map(RuleInfo::source).orElse(null), false, matched(firing, expanded)));
            }
        }
        return List.copyOf(roots);
    }

    private List<WhyNode> matched(TraceListener.Firing firing, Set<Object> expanded) {
        List<WhyNode> nodes = new ArrayList<>(firing.matched.size());
        for (Object fact : firing.matched) {
            nodes.add(node(fact, expanded));
        }
        return List.copyOf(nodes);
    }

    private WhyNode node(Object fact, Set<Object> expanded) {
        // INVARIANT: within one tree an answer or parameter is shown once; a second mention is marked repeated
        if (fact instanceof Answer a) {
            return new WhyNode(WhyNode.Kind.ANSWER, a.getQuestion(), a.getValue(), a.isDefaulted(), sentences.computeIfAbsent(a, f -> answer(a)), null, null, null,
                    !expanded.add(a), null);
        }
        if (fact instanceof Parameter p) {
            return new WhyNode(WhyNode.Kind.PARAMETER, p.getName(), p.getExact(), false, sentences.computeIfAbsent(p, f -> parameter(p)), null, null, null,
                    !expanded.add(p), null);
        }
        TraceListener.Firing producer = trace.producerOf(fact);
        String rule = producer == null ? null : producer.rule;
        Integer seq = producer == null ? null : producer.seq;
        String source = rule == null ? null : ruleSet.rule(rule).map(RuleInfo::source).orElse(null);
        if (fact instanceof Recommendation r) {
            String title = ruleSet.catalogue().entry(r.getCode()).map(Catalogue.Entry::title)
                    .map(t -> texts.render(r.getCode(), t, gaps)).orElse(r.getCode());
            return new WhyNode(WhyNode.Kind.RECOMMENDATION, r.getCode(), null, false, "Recommended: " + title, rule, seq, source, false, null);
        }
        boolean repeated = producer != null && !expanded.add(fact);
        List<WhyNode> because = producer == null || repeated ? null : matched(producer, expanded);
        if (fact instanceof Term t) {
            return new WhyNode(WhyNode.Kind.TERM, t.getName(), t.getValue(), false, sentences.computeIfAbsent(t, f -> term(t)), rule, seq, source, repeated, because);
        }
        if (fact instanceof CostEstimate) {
            return new WhyNode(WhyNode.Kind.COST, null, null, false, costSentence == null ? costSentence = costSentence() : costSentence, rule, seq, source, repeated, because);
        }
        return new WhyNode(WhyNode.Kind.FACT, null, null, false, String.valueOf(fact), rule, seq, source, repeated, because);
    }

    private String term(Term t) {
        TermLabels.Label label = ruleSet.terms().get(t.getName()).orElse(null);
        if (label == null) {
            String words = t.getName().replace('_', ' ');
            return Character.toUpperCase(words.charAt(0)) + words.substring(1)
                    + (t.getValue() == null ? "" : ": " + Figures.upTo(t.getValue(), 2));
        }
        return texts.renderTerm(t.getName(), label.label(), t.getValue(), gaps);
    }

    /** "How many model calls per month are expected? 1,000,000", the questionnaire's own words. */
    private String answer(Answer a) {
        Optional<Question> question = ruleSet.questionnaire().question(a.getQuestion());
        String label = question.map(Question::label).orElse(a.getQuestion());
        Object value = a.getValue();
        String shown;
        if (value instanceof Boolean b) {
            shown = b ? "Yes" : "No";
        } else if (value instanceof BigDecimal n) {
            shown = Figures.plain(n);
        } else {
            shown = question.map(q -> q.type().shown(value)).orElse(value.toString());
        }
        return label + " " + shown + (a.isDefaulted() ? " (not answered: the questionnaire's default)" : "");
    }

    /** "The call volume from which fine-tuning counts as high volume: 100,000 calls per month". */
    private String parameter(Parameter p) {
        Optional<Parameters.Definition> definition = ruleSet.parameters().get(p.getName());
        String value = Figures.plain(p.getExact());
        if (definition.isEmpty()) {
            return "Policy parameter " + p.getName().replace('_', ' ') + ": " + value;
        }
        String meaning = definition.get().meaning().strip();
        int end = meaning.indexOf(". ");
        String first = end < 0 ? meaning : meaning.substring(0, end);
        if (first.endsWith(".")) {
            first = first.substring(0, first.length() - 1);
        }
        return "Policy: " + first + ": " + value + " " + definition.get().unit();
    }

    private String costSentence() {
        if (cost == null) {
            return "Cost estimate";
        }
        StringBuilder s = new StringBuilder("Cost estimate: prompts cost ").append(usd(cost.monthlyPromptCost()))
                .append(" a month; a tuned model would save ").append(usd(cost.monthlySavingIfFineTuned())).append(" a month");
        if (cost.withRetraining() && cost.retrainingCostPerMonth() > 0) {
            s.append(", ").append(usd(cost.netMonthlySaving())).append(" after retraining at ")
                    .append(usd(cost.retrainingCostPerMonth())).append(" a month");
        }
        s.append(cost.breakEvenMonths() == null ? "; training never pays back"
                : "; break-even after " + Figures.months(cost.breakEvenMonths()) + " months");
        return s.toString();
    }

    private static String usd(double amount) {
        return (amount < 0 ? "-$" : "$") + Figures.money(Math.abs(amount));
    }
}

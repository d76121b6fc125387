package io.triage.policy;

import io.triage.rules.RecommendationKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.InvalidInputException;
import io.triage.engine.Evaluation;
import io.triage.engine.EvaluationException;
import io.triage.engine.Evaluator;
import io.triage.engine.RecommendationResult;
import io.triage.facts.Answer;
import io.triage.facts.Parameter;
import io.triage.golden.GoldenCase;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetFiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Checks a compiled rule set's invariants on every golden case's answers and on generated
 * questionnaires, and shrinks the first answers that break each one to a small counterexample.
 * Two checks come with every rule set: every text placeholder gets a value, and the rules evaluate
 * without failing. Plain Java over its arguments: no state kept between calls.
 */
final class InvariantChecker {

    static final String TEXTS_HAVE_VALUES = "texts-have-values";
    static final String RULES_EVALUATE = "rules-evaluate";

    private final Evaluator evaluator;

    InvariantChecker(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** One answer set's outcome: the decision as conditions see it, its text gaps, or why it failed. */
    private record Outcome(Condition.Decision decision, List<String> gaps, String failure) {
    }

    /** Answers found breaking a check, and where they came from. */
    private record Found(ObjectNode answers, String from, double size) {

        Found(ObjectNode answers, String from) {
            this(answers, from, 0);
        }
    }

    /**
     * Breaking answer sets kept per check, the smallest found; each is shrunk and the smallest result
     * is reported, since greedy shrinking stops at the first local minimum of the answers it starts from.
     */
    private static final int KEPT = 4;

    InvariantReport check(RuleSet ruleSet, List<Invariant> invariants, List<GoldenCase> cases, int generated, long seed) {
        Map<String, Parameter> parameters = new HashMap<>();
        ruleSet.parameters().facts().forEach(p -> parameters.put(p.getName(), p));
        List<JsonNode> golden = cases.stream().map(GoldenCase::answers).filter(JsonNode::isObject).toList();

        List<ObjectNode> samples = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        for (GoldenCase c : cases) {
            if (c.answers().isObject()) {
                samples.add((ObjectNode) c.answers());
                origins.add("the answers of golden case " + c.name());
            }
        }
        AnswerSampler sampler = new AnswerSampler(ruleSet.questionnaire(),
                Thresholds.find(ruleSet.files(), ruleSet.questionnaire(), parameters, invariants), golden, seed);
        int n = 0;
        for (ObjectNode sample : sampler.samples(generated)) {
            samples.add(sample);
            origins.add("generated answer set " + ++n + " (seed " + seed + ")");
        }

        Map<String, List<Found>> found = new LinkedHashMap<>();
        int checked = 0;
        // the samples are independent: evaluated on every core, then read in order, so the report does not depend on timing
        Outcome[] outcomes = new Outcome[samples.size()];
        IntStream.range(0, samples.size()).parallel().forEach(i -> outcomes[i] = outcome(ruleSet, parameters, samples.get(i)));
        for (int i = 0; i < samples.size(); i++) {
            Outcome outcome = outcomes[i];
            if (outcome == null) {
                continue; // answers the questionnaire refuses (a golden case reports that itself)
            }
            checked++;
            Found here = new Found(samples.get(i), origins.get(i));
            double size = Shrinker.size(ruleSet.questionnaire(), samples.get(i));
            if (outcome.failure() != null) {
                keep(found, RULES_EVALUATE, here, size);
                continue;
            }
            if (!outcome.gaps().isEmpty()) {
                keep(found, TEXTS_HAVE_VALUES, here, size);
            }
            for (Invariant invariant : invariants) {
                if (!invariant.holds(outcome.decision())) {
                    keep(found, invariant.id(), here, size);
                }
            }
        }

        List<Violation> violations = new ArrayList<>();
        for (Invariant invariant : invariants) {
            if (found.containsKey(invariant.id())) {
                violations.add(violation(ruleSet, parameters, invariant, found.get(invariant.id())));
            }
        }
        if (found.containsKey(TEXTS_HAVE_VALUES)) {
            violations.add(builtIn(ruleSet, parameters, TEXTS_HAVE_VALUES, RuleSetFiles.RECOMMENDATIONS,
                    "every placeholder of a text shown has a value", found.get(TEXTS_HAVE_VALUES),
                    o -> o.failure() == null && !o.gaps().isEmpty()));
        }
        if (found.containsKey(RULES_EVALUATE)) {
            violations.add(builtIn(ruleSet, parameters, RULES_EVALUATE, null, "the rules evaluate every valid answer set",
                    found.get(RULES_EVALUATE), o -> o.failure() != null));
        }
        return new InvariantReport(invariants.size(), checked, seed, violations);
    }

    private static void keep(Map<String, List<Found>> found, String check, Found here, double size) {
        List<Found> kept = found.computeIfAbsent(check, c -> new ArrayList<>(KEPT + 1));
        int at = 0;
        while (at < kept.size() && kept.get(at).size() <= size) {
            at++;
        }
        kept.add(at, new Found(here.answers(), here.from(), size));
        if (kept.size() > KEPT) {
            kept.remove(KEPT);
        }
    }

    /** Each kept breaking answer set shrunk; the smallest wins: fewest answers, then numbers nearest their defaults. */
    private static Found smallest(RuleSet ruleSet, List<Found> found, Predicate<ObjectNode> breaks) {
        Found best = null;
        double bestSize = Double.MAX_VALUE;
        for (Found f : found) {
            ObjectNode small = new Shrinker(ruleSet.questionnaire(), breaks).shrink(f.answers());
            double size = Shrinker.size(ruleSet.questionnaire(), small);
            if (size < bestSize) {
                best = new Found(small, f.from());
                bestSize = size;
            }
        }
        return best;
    }

    private Violation violation(RuleSet ruleSet, Map<String, Parameter> parameters, Invariant invariant, List<Found> kept) {
        Found f = smallest(ruleSet, kept, answers -> {
            Outcome o = outcome(ruleSet, parameters, answers);
            return o != null && o.failure() == null && !invariant.holds(o.decision());
        });
        ObjectNode small = f.answers();
        Outcome o = outcome(ruleSet, parameters, small);
        Counterexample.Expectation expect = Counterexample.expectation(invariant, o.decision(), ruleSet.catalogue());
        String where = "invariant '" + invariant.id() + "' (" + InvariantsFile.FILE + ":" + invariant.line() + ")";
        String yaml = Counterexample.yaml(where, "Invariant " + invariant.id() + ": " + invariant.description(),
                f.from(), small, ruleSet.questionnaire(), expect);
        return new Violation(invariant.id(), invariant.description(), InvariantsFile.FILE, invariant.line(), f.from(),
                small, List.copyOf(o.decision().codes()), yaml);
    }

    private Violation builtIn(RuleSet ruleSet, Map<String, Parameter> parameters, String id, String file, String description,
                              List<Found> kept, Predicate<Outcome> breaks) {
        Found f = smallest(ruleSet, kept, answers -> {
            Outcome o = outcome(ruleSet, parameters, answers);
            return o != null && breaks.test(o);
        });
        ObjectNode small = f.answers();
        Outcome o = outcome(ruleSet, parameters, small);
        List<String> codes = o.decision() == null ? List.of() : List.copyOf(o.decision().codes());
        String detail = o.failure() != null ? o.failure() : "no value for " + String.join(", ", o.gaps());
        Counterexample.Expectation expect = new Counterexample.Expectation(codes, List.of(), "");
        String yaml = Counterexample.yaml("the built-in check '" + id + "': " + detail, "Check " + id + ": " + description,
                f.from(), small, ruleSet.questionnaire(), expect);
        return new Violation(id, description + " (" + detail + ")", file, null, f.from(), small, codes, yaml);
    }

    /** The decision for these answers, or null when the questionnaire refuses them. */
    private Outcome outcome(RuleSet ruleSet, Map<String, Parameter> parameters, JsonNode answers) {
        EffectiveAnswers effective;
        try {
            effective = AnswerValidator.validate(ruleSet.questionnaire(), answers);
        } catch (InvalidInputException e) {
            return null;
        }
        Evaluation evaluation;
        try {
            evaluation = evaluator.evaluate(ruleSet, effective);
        } catch (EvaluationException e) {
            return new Outcome(null, List.of(), e.getMessage());
        }
        Set<String> codes = new LinkedHashSet<>();
        Set<RecommendationKind> kinds = new HashSet<>();
        for (RecommendationResult r : evaluation.recommendations()) {
            codes.add(r.code());
            kinds.add(r.kind());
        }
        Map<String, Object> values = new HashMap<>();
        for (Answer a : effective.facts()) {
            values.put(a.getQuestion(), a.getValue());
        }
        return new Outcome(new Condition.Decision(codes, kinds, values, parameters), evaluation.textGaps(), null);
    }
}

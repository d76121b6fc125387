package io.triage.golden;

import io.triage.common.InvalidInputException;
import io.triage.engine.CostResult;
import io.triage.engine.Evaluation;
import io.triage.engine.EvaluationException;
import io.triage.engine.Evaluator;
import io.triage.engine.RecommendationResult;
import io.triage.engine.TraceEntry;
import io.triage.json.CanonicalJson;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleInfo;
import io.triage.rules.RuleSet;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs golden cases against a rule set. The one runner behind the JUnit suite, the reload gate and
 * the policy owner's validation report, so all three agree on what "passes" means.
 */
public final class GoldenRunner {

    private final Evaluator evaluator;

    public GoldenRunner(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    public GoldenReport run(RuleSet ruleSet, List<GoldenCase> cases) {
        return run(ruleSet, cases, golden -> { });
    }

    /** @param beforeEach told of each case before it runs (so a worker killed mid-way can say where) */
    public GoldenReport run(RuleSet ruleSet, List<GoldenCase> cases, java.util.function.Consumer<GoldenCase> beforeEach) {
        List<CaseResult> results = new ArrayList<>(cases.size());
        Set<String> fired = new LinkedHashSet<>();
        for (GoldenCase golden : cases) {
            beforeEach.accept(golden);
            CaseResult result = run(ruleSet, golden);
            fired.addAll(result.firedRules());
            results.add(result);
        }
        List<String> uncovered = ruleSet.rules().stream().map(RuleInfo::id).filter(id -> !fired.contains(id)).toList();
        return new GoldenReport(results, ruleSet.rules().size(), uncovered);
    }

    public CaseResult run(RuleSet ruleSet, GoldenCase golden) {
        List<String> failures = new ArrayList<>();
        Evaluation evaluation;
        try {
            EffectiveAnswers answers = AnswerValidator.validate(ruleSet.questionnaire(), golden.answers());
            evaluation = evaluator.evaluate(ruleSet, answers);
        } catch (InvalidInputException e) {
            e.errors().forEach(err -> failures.add("answers are invalid: " + err.describe()));
            return new CaseResult(golden.name(), golden.file(), golden.description(), false, failures, List.of(), List.of());
        } catch (EvaluationException e) {
            failures.add("evaluation failed: " + e.getMessage());
            return new CaseResult(golden.name(), golden.file(), golden.description(), false, failures, List.of(), List.of());
        }
        List<String> codes = evaluation.recommendations().stream().map(RecommendationResult::code).toList();
        List<String> firedRules = evaluation.trace().stream().map(TraceEntry::rule).distinct().toList();
        GoldenCase.Expect expect = golden.expect();
        String got = codes.isEmpty() ? "nothing" : String.join(", ", codes);
        for (String code : expect.present()) {
            if (!codes.contains(code)) {
                failures.add("expected " + code + " to be recommended; got " + got);
            }
        }
        for (String code : expect.absent()) {
            if (codes.contains(code)) {
                failures.add("expected " + code + " not to be recommended; got " + got);
            }
        }
        for (String rule : expect.rules()) {
            if (ruleSet.rules().stream().noneMatch(r -> r.id().equals(rule))) {
                failures.add("expected rule '" + rule + "' to fire, but the rule set has no rule with that id");
            } else if (!firedRules.contains(rule)) {
                failures.add("expected rule '" + rule + "' to fire; fired " + String.join(", ", firedRules));
            }
        }
        checkCost(expect, evaluation.cost(), failures);
        checkTexts(expect, evaluation, failures);
        return new CaseResult(golden.name(), golden.file(), golden.description(), failures.isEmpty(), failures,
                codes, firedRules);
    }

    private static void checkTexts(GoldenCase.Expect expect, Evaluation evaluation, List<String> failures) {
        // a text that quotes a figure these answers do not have would show the placeholder itself
        evaluation.textGaps().forEach(gap -> failures.add("a text has no value for its placeholder " + gap));
        expect.variants().forEach((code, variant) -> {
            RecommendationResult r = find(evaluation, code);
            if (r == null) {
                failures.add("expected " + code + " with text variant '" + variant + "'; " + code + " is not recommended");
            } else if (!variant.equals(r.variant())) {
                failures.add("expected " + code + " with text variant '" + variant + "'; got "
                        + (r.variant() == null ? "its plain rationale" : "'" + r.variant() + "'"));
            }
        });
        expect.rationale().forEach((code, words) -> {
            RecommendationResult r = find(evaluation, code);
            if (r == null) {
                failures.add("expected the rationale of " + code + " to say \"" + words + "\"; " + code + " is not recommended");
            } else if (!r.rationale().contains(words)) {
                failures.add("expected the rationale of " + code + " to say \"" + words + "\"; it says \"" + r.rationale() + "\"");
            }
        });
    }

    private static RecommendationResult find(Evaluation evaluation, String code) {
        return evaluation.recommendations().stream().filter(r -> r.code().equals(code)).findFirst().orElse(null);
    }

    private static void checkCost(GoldenCase.Expect expect, CostResult cost, List<String> failures) {
        if (Boolean.TRUE.equals(expect.noCost()) && cost != null) {
            failures.add("expected no cost estimate; got a monthly prompt cost of " + CanonicalJson.number(cost.monthlyPromptCost()));
        }
        GoldenCase.Cost want = expect.cost();
        if (want == null) {
            return;
        }
        if (cost == null) {
            failures.add("expected a cost estimate; got none");
            return;
        }
        compare("monthlyPromptCost", want.monthlyPromptCost(), cost.monthlyPromptCost(), failures);
        compare("monthlySavingIfFineTuned", want.monthlySavingIfFineTuned(), cost.monthlySavingIfFineTuned(), failures);
        if (want.breakEvenMonths() != null) {
            if (cost.breakEvenMonths() == null) {
                failures.add("expected breakEvenMonths " + want.breakEvenMonths().toPlainString() + "; got none (no net saving)");
            } else {
                compare("breakEvenMonths", want.breakEvenMonths(), cost.breakEvenMonths(), failures);
            }
        }
        if (Boolean.TRUE.equals(want.neverBreaksEven()) && cost.breakEvenMonths() != null) {
            failures.add("expected no break-even (no net saving); got breakEvenMonths " + CanonicalJson.number(cost.breakEvenMonths()));
        }
        compare("behaviorChangesPerMonth", want.behaviorChangesPerMonth(), cost.behaviorChangesPerMonth(), failures);
        compare("retrainingCostPerMonth", want.retrainingCostPerMonth(), cost.retrainingCostPerMonth(), failures);
        compare("netMonthlySaving", want.netMonthlySaving(), cost.netMonthlySaving(), failures);
        compare("trainingRunsOverHorizon", want.trainingRunsOverHorizon(), cost.trainingRunsOverHorizon(), failures);
        compare("amortizes", want.amortizes(), cost.amortizes(), failures);
        compare("highVolume", want.highVolume(), cost.highVolume(), failures);
    }

    private static void compare(String field, BigDecimal expected, Double actual, List<String> failures) {
        if (expected != null && actual == null) {
            failures.add("expected " + field + " " + expected.toPlainString() + "; the estimate has no such figure");
        } else if (actual != null) {
            compare(field, expected, actual.doubleValue(), failures);
        }
    }

    private static void compare(String field, Boolean expected, Boolean actual, List<String> failures) {
        if (expected != null && !expected.equals(actual)) {
            failures.add("expected " + field + " " + expected + "; got " + (actual == null ? "no verdict" : actual));
        }
    }

    /** Equal when the actual value, rounded to the decimals the expectation is written with, matches it. */
    private static void compare(String field, BigDecimal expected, double actual, List<String> failures) {
        if (expected == null) {
            return;
        }
        int decimals = Math.max(0, expected.scale());
        BigDecimal rounded = BigDecimal.valueOf(actual).setScale(decimals, RoundingMode.HALF_UP);
        if (rounded.compareTo(expected) != 0) {
            failures.add("expected " + field + " " + expected.toPlainString() + "; got " + CanonicalJson.number(actual));
        }
    }
}

package io.triage.engine;

import io.triage.testing.ShippedRules;
import io.triage.facts.Answer;
import io.triage.facts.CostEstimate;
import io.triage.facts.Parameter;
import io.triage.facts.Recommendation;
import io.triage.facts.Term;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.json.CanonicalJson;
import io.triage.questionnaire.AnswerValidator;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Why-trees: every node agrees with the trace it was built from, and says what it means with the figures. */
class WhyTreeTest {

    private static RuleSetFiles shipped;
    private static RuleSet ruleSet;
    private final Evaluator evaluator = new Evaluator();

    @BeforeAll
    static void compile() {
        shipped = ShippedRules.files();
        ruleSet = ShippedRules.compiled();
    }

    private Evaluation evaluate(String json) {
        return evaluator.evaluate(ruleSet, AnswerValidator.validate(ruleSet.questionnaire(), CanonicalJson.parse(json)));
    }

    /** Every golden case: each recommendation's tree is exactly what the trace says fired and matched. */
    @TestFactory
    Stream<DynamicTest> treesMatchTheTrace() {
        return GoldenCases.load(shipped).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Evaluation evaluation = evaluator.evaluate(ruleSet, AnswerValidator.validate(ruleSet.questionnaire(), c.answers()));
            for (RecommendationResult r : evaluation.recommendations()) {
                assertThat(r.why()).as(r.code()).isNotEmpty();
                assertThat(r.why().get(0).rule()).as(r.code() + ": the first concluding rule is the one named").isEqualTo(r.rule());
                for (WhyNode root : r.why()) {
                    TraceEntry firing = evaluation.trace().get(root.seq() - 1);
                    assertThat(firing.produced()).as(r.code() + " is produced by firing " + root.seq())
                            .anyMatch(f -> f instanceof Recommendation rec && rec.getCode().equals(r.code()));
                    checkAgainstTrace(root, evaluation.trace(), r.code());
                }
            }
        }));
    }

    private static void checkAgainstTrace(WhyNode node, List<TraceEntry> trace, String path) {
        if (node.seq() == null) {
            return;
        }
        TraceEntry firing = trace.get(node.seq() - 1);
        assertThat(firing.rule()).as(path + ": rule of firing " + node.seq()).isEqualTo(node.rule());
        if (node.because() == null) {
            assertThat(node.repeated() || node.kind() == WhyNode.Kind.RECOMMENDATION).as(path + ": only repeats and recommendations stop early").isTrue();
            return;
        }
        assertThat(node.because()).as(path + ": one child per matched fact").hasSameSizeAs(firing.matched());
        for (int i = 0; i < node.because().size(); i++) {
            WhyNode child = node.because().get(i);
            Object fact = firing.matched().get(i);
            String at = path + " > " + child.kind() + " " + child.name();
            if (fact instanceof Answer a) {
                assertThat(List.of(child.kind(), child.name(), child.value())).as(at).containsExactly(WhyNode.Kind.ANSWER, a.getQuestion(), a.getValue());
            } else if (fact instanceof Parameter p) {
                assertThat(List.of(child.kind(), child.name(), child.value())).as(at).containsExactly(WhyNode.Kind.PARAMETER, p.getName(), p.getExact());
            } else if (fact instanceof Term t) {
                assertThat(List.of(child.kind(), child.name())).as(at).containsExactly(WhyNode.Kind.TERM, t.getName());
            } else if (fact instanceof CostEstimate) {
                assertThat(child.kind()).as(at).isEqualTo(WhyNode.Kind.COST);
            } else if (fact instanceof Recommendation rec) {
                assertThat(List.of(child.kind(), child.name())).as(at).containsExactly(WhyNode.Kind.RECOMMENDATION, rec.getCode());
            } else {
                assertThat(child.kind()).as(at).isEqualTo(WhyNode.Kind.FACT);
            }
            if (child.kind() != WhyNode.Kind.ANSWER && child.kind() != WhyNode.Kind.PARAMETER) {
                assertThat(trace.get(child.seq() - 1).produced()).as(at + ": drawn by firing " + child.seq()).contains(fact);
            }
            checkAgainstTrace(child, trace, at);
        }
    }

    @Test
    void loraSaysWhyInPlainWordsWithTheDecisionsFigures() {
        Evaluation evaluation = evaluate("{\"task_type\": \"classification\", \"format_consistency_critical\": true,"
                + " \"monthly_calls\": 1000000, \"behavior_change_frequency\": \"weekly\"}");
        RecommendationResult lora = evaluation.recommendations().stream().filter(r -> r.code().equals("FINE_TUNE_LORA"))
                .findFirst().orElseThrow();
        WhyNode root = lora.why().get(0);
        assertThat(root.rule()).isEqualTo("strategy-fine-tune-lora-with-retraining");
        assertThat(root.source()).isEqualTo("Cost Structure; PEFT and LoRA");
        assertThat(root.because()).extracting(WhyNode::text).contains(
                "Fine-tuning pays back: break-even after 0.4 months, within the 12-month horizon",
                "1,000,000 calls a month is high volume: this policy counts 100,000 and more",
                "The task (classification) is narrow and well defined, the kind a tuned smaller model can take over");
        List<String> texts = new ArrayList<>();
        collect(root, texts);
        assertThat(texts).contains("How many model calls per month are expected? 1,000,000",
                "Policy: The call volume from which fine-tuning counts as high volume: 100,000 calls per month",
                "Cost estimate: prompts cost $5,000.00 a month; a tuned model would save $3,500.00 a month,"
                        + " $1,333.33 after retraining at $2,166.67 a month; break-even after 0.4 months");
        // the estimate is expanded once in this tree; every later mention points back to it
        Map<String, Integer> expandedCosts = new HashMap<>();
        countExpanded(root, expandedCosts);
        assertThat(expandedCosts.get("cost")).isEqualTo(1);
        assertThat(texts.stream().filter(t -> t.startsWith("How many model calls per month")).count()).isEqualTo(1);
    }

    @Test
    void aRecommendationRestingOnAnotherNamesItInsteadOfRepeatingItsReasons() {
        Evaluation evaluation = evaluate("{\"task_type\": \"classification\", \"format_consistency_critical\": true,"
                + " \"monthly_calls\": 1000000}");
        RecommendationResult validate = evaluation.recommendations().stream()
                .filter(r -> r.code().equals("VALIDATE_ON_HARD_CASES")).findFirst().orElseThrow();
        assertThat(validate.why().get(0).because()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(WhyNode.Kind.RECOMMENDATION);
            assertThat(n.name()).isEqualTo("FINE_TUNE_LORA");
            assertThat(n.because()).isNull();
            assertThat(n.text()).isEqualTo("Recommended: Fine-tune a smaller model with LoRA");
        });
    }

    @Test
    void theTreeIsPartOfTheCanonicalRecordAndTheSameEveryTime() {
        String answers = "{\"task_type\": \"classification\", \"format_consistency_critical\": true, \"monthly_calls\": 1000000,"
                + " \"data_classification\": \"classified\", \"says_train_own_model\": true}";
        String first = new String(EvaluationJson.canonical(evaluate(answers)), StandardCharsets.UTF_8);
        assertThat(first).contains("\"why\":[{\"because\":[");
        assertThat(CanonicalJson.string(CanonicalJson.parse(first))).isEqualTo(first);
        for (int i = 0; i < 5; i++) {
            assertThat(new String(EvaluationJson.canonical(evaluate(answers)), StandardCharsets.UTF_8)).isEqualTo(first);
        }
    }

    @Test
    void aRuleSetWithoutTermLabelsMakesNoTrees() {
        java.util.Map<String, String> files = new java.util.TreeMap<>(shipped.all());
        files.remove(RuleSetFiles.TERMS);
        RuleSet older = new RuleSetCompiler().compileOrThrow(RuleSetFiles.of(files));
        Evaluation evaluation = evaluator.evaluate(older, AnswerValidator.validate(older.questionnaire(),
                CanonicalJson.parse("{\"task_type\": \"classification\", \"monthly_calls\": 1000}")));
        assertThat(evaluation.recommendations()).allSatisfy(r -> assertThat(r.why()).isNull());
        assertThat(new String(EvaluationJson.canonical(evaluation), StandardCharsets.UTF_8)).doesNotContain("\"why\"");
    }

    private static void collect(WhyNode node, List<String> into) {
        into.add(node.text());
        if (node.because() != null) {
            node.because().forEach(c -> collect(c, into));
        }
    }

    private static void countExpanded(WhyNode node, Map<String, Integer> counts) {
        if (node.because() != null) {
            counts.merge(node.kind().id(), 1, Integer::sum);
            node.because().forEach(c -> countExpanded(c, counts));
        }
    }
}

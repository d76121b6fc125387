package io.triage.bench;

import io.triage.engine.Evaluation;
import io.triage.engine.EvaluationJson;
import io.triage.engine.Evaluator;
import io.triage.explain.AskNext;
import io.triage.explain.Explainer;
import io.triage.explain.WhatWouldChange;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the explanations cost per decision, on the shipped rules and two golden cases (the full
 * questionnaire and a typical LoRA case): "what would change the advice" (every answer's
 * alternatives, every number's exact thresholds), "ask next" (every unanswered question), and the
 * live preview's work (validate + evaluate + canonical JSON, as {@code POST /api/decisions/preview}
 * does without HTTP). Run: {@code mvn -Pbench test -Dbench=ExplainBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 2, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ExplainBenchmark {

    @Param({"full-questionnaire-classified-policy-assistant", "fine-tune-lora-narrow-high-volume-format"})
    public String goldenCase;

    private RuleSet ruleSet;
    private GoldenCase golden;
    private EffectiveAnswers answers;
    private Set<String> given;
    private final Evaluator evaluator = new Evaluator();
    private Explainer explainer;

    @Setup
    public void setUp() {
        org.jboss.logmanager.LogContext.getLogContext().getLogger("").setLevel(java.util.logging.Level.INFO);
        RuleSetFiles files = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        ruleSet = new RuleSetCompiler().compileOrThrow(files);
        golden = GoldenCases.load(files).stream().filter(c -> c.name().equals(goldenCase)).findFirst().orElseThrow();
        answers = AnswerValidator.validate(ruleSet.questionnaire(), golden.answers());
        given = new LinkedHashSet<>();
        golden.answers().fieldNames().forEachRemaining(given::add);
        explainer = new Explainer(evaluator);
        WhatWouldChange w = explainer.whatWouldChange("bench", ruleSet, answers);
        AskNext a = explainer.askNext("bench", ruleSet, answers, given);
        System.out.printf("%n%s: what-would-change %d evaluations (complete %s), ask-next %d evaluations (complete %s)%n",
                goldenCase, w.evaluations(), w.complete(), a.evaluations(), a.complete());
    }

    @Benchmark
    public WhatWouldChange whatWouldChange() {
        return explainer.whatWouldChange("bench", ruleSet, answers);
    }

    /** Both, sharing engine runs: what the result page and the two endpoints cost on first request. */
    @Benchmark
    public Explainer.Both both() {
        return explainer.both("bench", ruleSet, answers, given);
    }

    @Benchmark
    public AskNext askNext() {
        return explainer.askNext("bench", ruleSet, answers, given);
    }

    /** The preview's work: validate the answers, evaluate, write the result as canonical JSON. */
    @Benchmark
    public byte[] preview() {
        EffectiveAnswers validated = AnswerValidator.validate(ruleSet.questionnaire(), golden.answers());
        Evaluation evaluation = evaluator.evaluate(ruleSet, validated);
        return EvaluationJson.canonical(evaluation);
    }
}

package io.triage.bench;

import io.triage.engine.Evaluator;
import io.triage.golden.GoldenCases;
import io.triage.golden.GoldenRunner;
import io.triage.policy.RuleSetValidator;
import io.triage.policy.ValidationReport;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What each stage of validating the shipped rule set costs in a warm JVM, and so what the
 * invariant check adds for a given {@code triage.policy.invariant-samples}: compile, golden cases,
 * then the whole validation with 0, 500, 1000 and 2000 generated samples. Every variant runs 25
 * times, interleaved; the best time of each is reported, since the machine is shared and only the
 * best run is free of other people's load. Run:
 * {@code mvn -q -o test-compile exec:java -Dexec.mainClass=io.triage.bench.ValidationBenchmark -Dexec.classpathScope=test}.
 */
public final class ValidationBenchmark {

    private static final int[] SAMPLES = {0, 500, 1000, 2000};
    private static final int ROUNDS = 25;

    public static void main(String[] args) throws Exception {
        RuleSetFiles files = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        RuleSetCompiler compiler = new RuleSetCompiler();
        GoldenRunner runner = new GoldenRunner(new Evaluator());
        long compile = Long.MAX_VALUE;
        long golden = Long.MAX_VALUE;
        long[] validate = new long[SAMPLES.length];
        int[] checked = new int[SAMPLES.length];
        Arrays.fill(validate, Long.MAX_VALUE);
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            RuleSet ruleSet = compiler.compileOrThrow(files);
            compile = Math.min(compile, System.nanoTime() - start);
            start = System.nanoTime();
            runner.run(ruleSet, GoldenCases.load(files));
            golden = Math.min(golden, System.nanoTime() - start);
            for (int i = 0; i < SAMPLES.length; i++) {
                RuleSetValidator validator = new RuleSetValidator(compiler, runner,
                        new RuleSetValidator.Options(SAMPLES[i], RuleSetValidator.Options.DEFAULT_SEED));
                start = System.nanoTime();
                ValidationReport report = validator.validate(files).report();
                validate[i] = Math.min(validate[i], System.nanoTime() - start);
                checked[i] = report.invariants().samples();
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "validating the shipped rule set, best of %d warm rounds%ncompile %d ms, golden cases %d ms%n",
                ROUNDS, compile / 1_000_000, golden / 1_000_000));
        for (int i = 0; i < SAMPLES.length; i++) {
            out.append(String.format(Locale.ROOT, "invariant-samples %4d: %4d answer sets checked, whole validation %d ms%n",
                    SAMPLES[i], checked[i], validate[i] / 1_000_000));
        }
        System.out.print(out);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "bench-validation.txt"), out.toString());
    }
}

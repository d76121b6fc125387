package io.triage.bench;

import io.triage.decision.DecisionRecord;
import io.triage.engine.EvaluationBudget;
import io.triage.engine.Evaluator;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import io.triage.worker.Worker;
import io.triage.worker.WorkerRequests;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Impact analysis without the database or HTTP: the golden cases' records, many times over, are
 * streamed through the confined worker exactly as {@code POST /api/rulesets/{v}/impact} streams
 * stored decisions, and replayed there on the same rule files. Reports decisions per second and
 * the service side's CPU per decision (feeding the worker, reading its answers), so the worker's
 * share is the rest.
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.triage.bench.ImpactStages
 * </pre>
 * Properties: {@code bench.decisions} (per run, default 50,000), {@code bench.runs} (default 3), {@code bench.worker}
 * ({@code long}: a fresh process, as before the impact spare; {@code impact}: the impact spare; {@code spare}, {@code quick}: the
 * validation spare, a fresh quick-compiler process), {@code bench.spareWarmMillis} (time given a spare to warm up, default 45 s),
 * {@code bench.editDrl} (the candidate's rules differ from those a spare warmed up on, so they are compiled anew).
 */
public final class ImpactStages {

    public static void main(String[] args) {
        org.jboss.logmanager.LogContext.getLogContext().getLogger("").setLevel(java.util.logging.Level.WARNING);
        RuleSetFiles files = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        RuleSet ruleSet = new RuleSetCompiler().compileOrThrow(files);
        Evaluator evaluator = new Evaluator();
        List<String> golden = new ArrayList<>();
        for (GoldenCase c : GoldenCases.load(files)) {
            EffectiveAnswers answers = AnswerValidator.validate(ruleSet.questionnaire(), c.answers());
            golden.add(new String(DecisionRecord.canonical(UUID.randomUUID().toString(), Instant.parse("2026-11-29T12:00:00Z"),
                    "bench", ruleSet.version(), answers, evaluator.evaluate(ruleSet, answers)).bytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        int decisions = Integer.getInteger("bench.decisions", 50_000);
        // bench.worker=long: a fresh process with the optimizing compiler (what impact jobs use);
        // quick: a fresh process with the quick compiler only; spare: a validation spare warmed up on these rules;
        // impact: the impact spare (optimizing compiler, warmed up by replaying these rules' golden cases)
        String mode = System.getProperty("bench.worker", "long");
        boolean spares = mode.equals("spare") || mode.equals("impact");
        Worker worker = new Worker(System.getProperty("bench.heap", "256m"), Duration.ofSeconds(60), Duration.ofMinutes(10),
                mode.equals("spare"), mode.equals("impact"), () -> files);
        if (spares) {
            // as in the service: the startup validation is a job, and the spare is started after it
            worker.run(WorkerRequests.validate(files, EvaluationBudget.DEFAULT, 0, 1), null, null, Duration.ofMinutes(2));
        }
        var threads = ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= Integer.getInteger("bench.runs", 3); run++) {
            long[] replayed = {0};
            long[] lap = {System.nanoTime()};
            long[] changed = {0};
            long[] feederCpu = {0};
            long readerCpu0 = threads.getCurrentThreadCpuTime();
            if (spares) {
                sleepUntilSpareWarm();
            }
            long start = System.nanoTime();
            lap[0] = start;
            java.util.function.Consumer<java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode>> feed = send -> {
                long cpu0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < decisions; i++) {
                    send.accept(WorkerRequests.record("d" + i, golden.get(i % golden.size())));
                }
                feederCpu[0] = threads.getCurrentThreadCpuTime() - cpu0;
            };
            java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> onItem = item -> {
                if ("progress".equals(item.path("type").asText()) && Boolean.getBoolean("bench.laps")) {
                    System.out.printf("  %,d ms: %s%n", (System.nanoTime() - start) / 1_000_000, item.path("step").asText());
                }
                if ("item".equals(item.path("type").asText())) {
                    if (replayed[0] == 0 && Boolean.getBoolean("bench.laps")) {
                        System.out.printf("  %,d ms: first answer%n", (System.nanoTime() - start) / 1_000_000);
                    }
                    if (++replayed[0] % 25_000 == 0 && Boolean.getBoolean("bench.laps")) {
                        long now = System.nanoTime();
                        System.out.printf("  %,d: %,d decisions/s over the last 25,000%n", replayed[0], 25_000L * 1_000_000_000L / (now - lap[0]));
                        lap[0] = now;
                    }
                    if (!item.path("matches").asBoolean()) {
                        changed[0]++;
                    }
                }
            };
            // bench.editDrl=true: the candidate's rules are compiled anew (a comment added), as after a rule edit;
            // otherwise they are those the spare warmed up on, as after an edit of parameters or texts
            RuleSetFiles candidate = Boolean.getBoolean("bench.editDrl") ? files.withRulesRecompiled("impact run " + run) : files;
            var request = WorkerRequests.replay(candidate, EvaluationBudget.DEFAULT, false);
            if (mode.equals("long") || mode.equals("impact")) {
                worker.runLong(request, feed, onItem, Duration.ofMinutes(10));
            } else {
                worker.run(request, feed, onItem, Duration.ofMinutes(10));
            }
            long nanos = System.nanoTime() - start;
            long readerCpu = threads.getCurrentThreadCpuTime() - readerCpu0;
            System.out.printf("run %d: %,d replayed in %,d ms = %,d decisions/s, %d changed; service side %.0f µs feeding + %.0f µs reading per decision%n",
                    run, replayed[0], nanos / 1_000_000, replayed[0] * 1_000_000_000L / nanos, changed[0],
                    feederCpu[0] / 1e3 / replayed[0], readerCpu / 1e3 / replayed[0]);
        }
    }

    private static void sleepUntilSpareWarm() {
        try {
            Thread.sleep(Long.getLong("bench.spareWarmMillis", 45_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ImpactStages() {
    }
}

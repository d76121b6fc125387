package io.triage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.engine.EvaluationBudget;
import io.triage.policy.RuleSetValidator;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import io.triage.worker.Worker;
import io.triage.worker.WorkerRequests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a reload's time goes, without the service: validation of the shipped rules in the confined
 * worker, step by step, then this process's own compile, five rounds. {@code -Dbench.warmOnActive=true}
 * lets spares warm up on the shipped rules (as the service does with the active ones);
 * {@code -Dbench.editDrl=true} changes a rule file every round, so nothing is reused.
 */
public final class ReloadStages {

    public static void main(String[] args) throws Exception {
        RuleSetFiles files = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        Worker worker = new Worker("256m", Duration.ofSeconds(60), Duration.ofSeconds(60), true, Boolean.getBoolean("bench.warmOnActive") ? () -> files : () -> null);
        worker.run(WorkerRequests.validate(files, EvaluationBudget.DEFAULT, RuleSetValidator.Options.DEFAULT_SAMPLES, 1));
        Thread.sleep(Long.getLong("bench.pauseMillis", 8000));
        for (int round = 0; round < 5; round++) {
            RuleSetFiles candidate = files;
            if (Boolean.getBoolean("bench.editDrl")) {
                Map<String, String> edited = new java.util.TreeMap<>(files.all());
                edited.merge("rules/20-strategies.drl", "\n// round " + round + "\n", String::concat);
                candidate = RuleSetFiles.of(edited);
            }
            Map<String, Long> steps = new LinkedHashMap<>();
            long start = System.nanoTime();
            long[] last = {start};
            String[] step = {"start"};
            worker.run(WorkerRequests.validate(candidate, EvaluationBudget.DEFAULT, RuleSetValidator.Options.DEFAULT_SAMPLES, 1), null, m -> {
                long now = System.nanoTime();
                String s = m.path("step").asText();
                String key = s.startsWith("golden case") ? "golden cases" : s;
                steps.merge(step[0], (now - last[0]) / 1_000_000, Long::sum);
                step[0] = key;
                last[0] = now;
            }, Duration.ofSeconds(60));
            long end = System.nanoTime();
            steps.merge(step[0], (end - last[0]) / 1_000_000, Long::sum);
            long c0 = System.nanoTime();
            new RuleSetCompiler().compileOrThrow(candidate);
            long compile = (System.nanoTime() - c0) / 1_000_000;
            System.out.printf("round %d: worker %d ms %s; service compile %d ms%n", round, (end - start) / 1_000_000, steps, compile);
            Thread.sleep(Long.getLong("bench.pauseMillis", 8000));
        }
        System.exit(0);
    }
}

package io.triage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.decision.DecisionRecord;
import io.triage.decision.DecisionRequest;
import io.triage.engine.Evaluation;
import io.triage.engine.Evaluator;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.json.CanonicalJson;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import io.triage.history.HashChain;
import io.triage.store.RecordCodec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The in-process stages of one decision, on one thread, without HTTP or the database: CPU time
 * per stage over all golden cases in turn, and the record's size. What the HTTP breakdown's
 * per-stage figures should approach once nothing else competes for the cores.
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.triage.bench.DecisionStages
 * </pre>
 * Properties: {@code bench.seconds} (measured, default 20), {@code bench.warmup} (default 20).
 */
public final class DecisionStages {

    private static final String[] STAGES = {"body parsing", "validation", "evaluation", "canonical record", "compression", "hashing"};

    public static void main(String[] args) {
        org.jboss.logmanager.LogContext.getLogContext().getLogger("").setLevel(java.util.logging.Level.WARNING);
        RuleSetFiles files = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        RuleSet ruleSet = new RuleSetCompiler().compileOrThrow(files);
        List<String> bodies = GoldenCases.load(files).stream()
                .map(GoldenCase::answers)
                .map(a -> "{\"answers\":" + CanonicalJson.string(a) + "}")
                .toList();
        Evaluator evaluator = new Evaluator();
        run(ruleSet, evaluator, bodies, Integer.getInteger("bench.warmup", 20), false);
        run(ruleSet, evaluator, bodies, Integer.getInteger("bench.seconds", 20), true);
    }

    private static void run(RuleSet ruleSet, Evaluator evaluator, List<String> bodies, int seconds, boolean report) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean memory = (com.sun.management.ThreadMXBean) cpu;
        long[] nanos = new long[STAGES.length];
        long[] allocated = new long[STAGES.length];
        long recordBytes = 0;
        long storedBytes = 0;
        long count = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (String body : bodies) {
                long t0 = cpu.getCurrentThreadCpuTime();
                long a0 = memory.getCurrentThreadAllocatedBytes();
                JsonNode answersJson = DecisionRequest.answers(body);
                long t1 = cpu.getCurrentThreadCpuTime();
                long a1 = memory.getCurrentThreadAllocatedBytes();
                EffectiveAnswers answers = AnswerValidator.validate(ruleSet.questionnaire(), answersJson);
                long t2 = cpu.getCurrentThreadCpuTime();
                long a2 = memory.getCurrentThreadAllocatedBytes();
                Evaluation evaluation = evaluator.evaluate(ruleSet, answers);
                long t3 = cpu.getCurrentThreadCpuTime();
                long a3 = memory.getCurrentThreadAllocatedBytes();
                DecisionRecord.Canonical record = DecisionRecord.canonical("00000000-0000-0000-0000-000000000000",
                        Instant.EPOCH, "bench", ruleSet.version(), answers, evaluation);
                long t4 = cpu.getCurrentThreadCpuTime();
                long a4 = memory.getCurrentThreadAllocatedBytes();
                byte[] stored = RecordCodec.encode(record.bytes());
                long t5 = cpu.getCurrentThreadCpuTime();
                long a5 = memory.getCurrentThreadAllocatedBytes();
                HashChain.hash(HashChain.GENESIS, record.bytes());
                long t6 = cpu.getCurrentThreadCpuTime();
                long a6 = memory.getCurrentThreadAllocatedBytes();
                long[] at = {t0, t1, t2, t3, t4, t5, t6};
                long[] bytesAt = {a0, a1, a2, a3, a4, a5, a6};
                for (int i = 0; i < STAGES.length; i++) {
                    nanos[i] += at[i + 1] - at[i];
                    allocated[i] += bytesAt[i + 1] - bytesAt[i];
                }
                recordBytes += record.bytes().length;
                storedBytes += stored.length;
                count++;
            }
        }
        if (!report) {
            return;
        }
        System.out.printf("%d decisions over %d golden cases, %d s on one thread%n", count, bodies.size(), seconds);
        long total = 0;
        long totalAllocated = 0;
        System.out.println("| stage | CPU per decision | allocated per decision |");
        for (int i = 0; i < STAGES.length; i++) {
            System.out.printf("| %s | %.0f µs | %,.1f KB |%n", STAGES[i], nanos[i] / 1e3 / count, allocated[i] / 1024.0 / count);
            total += nanos[i];
            totalAllocated += allocated[i];
        }
        System.out.printf("| all | %.0f µs | %,.1f KB |%n", total / 1e3 / count, totalAllocated / 1024.0 / count);
        System.out.printf("record: %,d bytes on average, %,d compressed%n", recordBytes / count, storedBytes / count);
    }
}

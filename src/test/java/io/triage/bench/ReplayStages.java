package io.triage.bench;

import io.triage.audit.Replayer;
import io.triage.decision.DecisionRecord;
import io.triage.engine.Evaluator;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.history.HashChain;
import io.triage.questionnaire.AnswerValidator;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import io.triage.store.RecordCodec;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What one replay of a stored decision costs in the service, without the database or HTTP: the
 * golden cases' records, stored compressed, each read back, checked against its hash and replayed
 * on its own version, as {@code POST /api/audit/replay} does for every decision in the log. CPU
 * time and allocation per replay, on one thread.
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.triage.bench.ReplayStages
 * </pre>
 * Properties: {@code bench.seconds} (measured, default 20), {@code bench.warmup} (default 20).
 */
public final class ReplayStages {

    private static final String[] STAGES = {"reading the stored record", "checking its hash", "replaying it"};

    public static void main(String[] args) {
        org.jboss.logmanager.LogContext.getLogContext().getLogger("").setLevel(java.util.logging.Level.WARNING);
        RuleSetFiles files = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        RuleSet ruleSet = new RuleSetCompiler().compileOrThrow(files);
        Evaluator evaluator = new Evaluator();
        List<byte[]> stored = GoldenCases.load(files).stream()
                .map(GoldenCase::answers)
                .map(a -> AnswerValidator.validate(ruleSet.questionnaire(), a))
                .map(answers -> DecisionRecord.canonical("0192f3a4-5b6c-7d8e-9f00-112233445566", Instant.EPOCH, "bench",
                        ruleSet.version(), answers, evaluator.evaluate(ruleSet, answers)).bytes())
                .map(RecordCodec::encode)
                .toList();
        Replayer replayer = new Replayer(evaluator);
        run(ruleSet, replayer, stored, Integer.getInteger("bench.warmup", 20), false);
        run(ruleSet, replayer, stored, Integer.getInteger("bench.seconds", 20), true);
    }

    private static void run(RuleSet ruleSet, Replayer replayer, List<byte[]> stored, int seconds, boolean report) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] nanos = new long[STAGES.length];
        long[] allocated = new long[STAGES.length];
        long count = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (byte[] compressed : stored) {
                long t0 = threads.getCurrentThreadCpuTime();
                long a0 = threads.getCurrentThreadAllocatedBytes();
                String record = RecordCodec.decode(compressed);
                long t1 = threads.getCurrentThreadCpuTime();
                long a1 = threads.getCurrentThreadAllocatedBytes();
                HashChain.hash(HashChain.GENESIS, record);
                long t2 = threads.getCurrentThreadCpuTime();
                long a2 = threads.getCurrentThreadAllocatedBytes();
                if (!replayer.replay(record.getBytes(StandardCharsets.UTF_8), ruleSet).matches()) {
                    throw new IllegalStateException("a golden record did not replay to the same bytes");
                }
                long t3 = threads.getCurrentThreadCpuTime();
                long a3 = threads.getCurrentThreadAllocatedBytes();
                long[] at = {t0, t1, t2, t3};
                long[] bytesAt = {a0, a1, a2, a3};
                for (int i = 0; i < STAGES.length; i++) {
                    nanos[i] += at[i + 1] - at[i];
                    allocated[i] += bytesAt[i + 1] - bytesAt[i];
                }
                count++;
            }
        }
        if (!report) {
            return;
        }
        System.out.printf("%d replays over %d golden records, %d s on one thread%n", count, stored.size(), seconds);
        System.out.println("| stage | CPU per replay | allocated per replay |");
        long total = 0;
        long totalAllocated = 0;
        for (int i = 0; i < STAGES.length; i++) {
            System.out.printf("| %s | %.1f µs | %,.1f KB |%n", STAGES[i], nanos[i] / 1e3 / count, allocated[i] / 1024.0 / count);
            total += nanos[i];
            totalAllocated += allocated[i];
        }
        System.out.printf("| all | %.1f µs | %,.1f KB |%n", total / 1e3 / count, totalAllocated / 1024.0 / count);
        System.out.printf("one core replays %,.0f per second at this cost%n", count / (total / 1e9));
    }
}

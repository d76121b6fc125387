package io.triage.bench;

import io.triage.engine.EvaluationJson;
import io.triage.engine.Evaluator;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Triage's evaluation against the pooled bare Drools session, as a ratio that the machine's drift
 * cannot bend: both run on one thread in alternating batches of {@value #BATCH}, each batch timed
 * by the thread's processor time, so a slow minute slows both sides alike. {@link EngineBenchmark}
 * (JMH) runs one variant after the other, minutes apart, and on this machine its ratios moved with
 * the machine's speed.
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.triage.bench.EvaluationRatio
 * </pre>
 * Properties: {@code bench.seconds} (measured, default 20), {@code bench.warmup} (default 15).
 */
public final class EvaluationRatio {

    private static final int BATCH = 200;
    private static final AgendaEventListener IGNORED_MATCHES = new DefaultAgendaEventListener();
    private static final RuleRuntimeEventListener IGNORED_FACTS = new DefaultRuleRuntimeEventListener();
    private static final String[] CASES = {"full-questionnaire-classified-policy-assistant", "fine-tune-lora-narrow-high-volume-format"};

    public static void main(String[] args) {
        // as EngineBenchmark: Drools' trace calls are formatted when nothing sets the level
        org.jboss.logmanager.LogContext.getLogContext().getLogger("").setLevel(java.util.logging.Level.INFO);
        RuleSetFiles files = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        RuleSet ruleSet = new RuleSetCompiler().compileOrThrow(files);
        KieSessionsPool pool = ruleSet.kieBase().newKieSessionsPool(4);
        Evaluator evaluator = new Evaluator();
        int warmup = Integer.getInteger("bench.warmup", 15);
        int seconds = Integer.getInteger("bench.seconds", 20);
        System.out.printf("batches of %d, alternating, %d s per case after %d s of warm-up, one thread%n", BATCH, seconds, warmup);
        System.out.println("| golden case | bare Drools, pooled | + listeners that do nothing | ratio | rules run and traced, no explanations | ratio | Triage evaluation | ratio | + canonical JSON | ratio |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String name : CASES) {
            GoldenCase golden = GoldenCases.load(files).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
            EffectiveAnswers answers = AnswerValidator.validate(ruleSet.questionnaire(), golden.answers());
            // the same facts Triage inserts: the answers, then the rule set's parameters
            List<Object> facts = new ArrayList<>(answers.facts());
            facts.addAll(ruleSet.parameters().facts());
            Runnable bare = () -> {
                KieSession session = pool.newKieSession();
                try {
                    facts.forEach(session::insert);
                    session.fireAllRules();
                } finally {
                    session.dispose();
                }
            };
            // what Drools' events cost before a listener does anything with them: the bare session with
            // listeners for the same events the trace listens to, each doing nothing
            Runnable listened = () -> {
                KieSession session = pool.newKieSession();
                try {
                    session.addEventListener(IGNORED_MATCHES);
                    session.addEventListener(IGNORED_FACTS);
                    facts.forEach(session::insert);
                    session.fireAllRules();
                } finally {
                    session.removeEventListener(IGNORED_MATCHES);
                    session.removeEventListener(IGNORED_FACTS);
                    session.dispose();
                }
            };
            // the same session, budget, trace and checks as an evaluation, without evidence, texts or why-trees
            Runnable traced = () -> evaluator.outcome(ruleSet, answers);
            Runnable triage = () -> evaluator.evaluate(ruleSet, answers);
            Runnable stored = () -> EvaluationJson.canonical(evaluator.evaluate(ruleSet, answers));
            Runnable[] variants = {bare, listened, traced, triage, stored};
            measure(variants, warmup);
            double[] micros = measure(variants, seconds);
            StringBuilder row = new StringBuilder("| " + name + " | " + String.format("%.1f µs", micros[0]));
            for (int v = 1; v < micros.length; v++) {
                row.append(String.format(" | %.1f µs | %.2f ×", micros[v], micros[v] / micros[0]));
            }
            System.out.println(row.append(" |"));
        }
    }

    /** Processor time per run of each variant, its batches taken in turn until the time is up. */
    private static double[] measure(Runnable[] variants, int seconds) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] nanos = new long[variants.length];
        long batches = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int v = 0; v < variants.length; v++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < BATCH; i++) {
                    variants[v].run();
                }
                nanos[v] += threads.getCurrentThreadCpuTime() - start;
            }
            batches++;
        }
        double[] micros = new double[variants.length];
        for (int v = 0; v < variants.length; v++) {
            micros[v] = nanos[v] / 1e3 / (batches * BATCH);
        }
        return micros;
    }
}

package io.triage.bench;

import io.triage.engine.Evaluation;
import io.triage.engine.EvaluationJson;
import io.triage.engine.Evaluator;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.questionnaire.AnswerValidator;
import io.triage.questionnaire.EffectiveAnswers;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import org.kie.api.runtime.StatelessKieSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;

/**
 * Triage's evaluation (session + trace listener + evidence + cost) against a bare Drools stateless
 * session on the same compiled rules and the same facts. Run: {@code mvn -Pbench test}.
 * Inputs are golden cases: the full questionnaire (most firings) and a typical LoRA case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 3, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class EngineBenchmark {

    @Param({"full-questionnaire-classified-policy-assistant", "fine-tune-lora-narrow-high-volume-format"})
    public String goldenCase;

    private RuleSet ruleSet;
    private EffectiveAnswers answers;
    private final Evaluator evaluator = new Evaluator();
    private org.kie.api.runtime.KieSessionsPool pool;
    private java.util.List<Object> facts;

    @Setup
    public void setUp() {
        // Outside Quarkus nothing configures logging, and Drools' trace calls would be formatted and
        // buffered on every firing; the service runs at INFO, so measure at INFO.
        org.jboss.logmanager.LogContext.getLogContext().getLogger("").setLevel(java.util.logging.Level.INFO);
        RuleSetFiles files = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        ruleSet = new RuleSetCompiler().compileOrThrow(files);
        GoldenCase golden = GoldenCases.load(files).stream().filter(c -> c.name().equals(goldenCase)).findFirst().orElseThrow();
        answers = AnswerValidator.validate(ruleSet.questionnaire(), golden.answers());
        pool = ruleSet.kieBase().newKieSessionsPool(4);
        // the same facts Triage inserts: the answers, then the rule set's parameters (without them
        // the cost rules never fire, and bare Drools did less work than Triage)
        facts = new java.util.ArrayList<>(answers.facts());
        facts.addAll(ruleSet.parameters().facts());
    }

    /** Drools alone: a stateless session executing the same facts, no listener, nothing read back. */
    @Benchmark
    public StatelessKieSession bareDrools() {
        StatelessKieSession session = ruleSet.kieBase().newStatelessKieSession();
        session.execute(facts);
        return session;
    }

    /**
     * Drools with do-nothing agenda and fact listeners attached: what the engine's event machinery
     * costs by itself, before Triage records anything.
     */
    @Benchmark
    public StatelessKieSession bareDroolsWithIdleListeners() {
        StatelessKieSession session = ruleSet.kieBase().newStatelessKieSession();
        session.addEventListener(new org.kie.api.event.rule.DefaultAgendaEventListener());
        session.addEventListener(new org.kie.api.event.rule.DefaultRuleRuntimeEventListener());
        session.execute(facts);
        return session;
    }

    /** Drools alone on a pooled stateful session (reset between uses instead of built anew). */
    @Benchmark
    public int bareDroolsPooled() {
        org.kie.api.runtime.KieSession session = pool.newKieSession();
        try {
            for (Object fact : facts) {
                session.insert(fact);
            }
            return session.fireAllRules();
        } finally {
            session.dispose();
        }
    }

    /** Triage's evaluation: trace from engine events, evidence followed back, cost, catalogue texts. */
    @Benchmark
    public Evaluation triageEvaluation() {
        return evaluator.evaluate(ruleSet, answers);
    }

    /** The same plus rendering recommendations, cost and trace to canonical JSON bytes (what is stored). */
    @Benchmark
    public byte[] triageEvaluationAsCanonicalJson() {
        return EvaluationJson.canonical(evaluator.evaluate(ruleSet, answers));
    }
}

package io.triage.decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.triage.engine.Evaluation;
import io.triage.engine.RecommendationResult;
import io.triage.engine.TraceEntry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Prometheus counters: decisions, recommendations per code, rule firings per rule. */
@ApplicationScoped
public class DecisionMetrics {

    private final MeterRegistry registry;
    private final Counter decisions;
    private final ConcurrentMap<String, Counter> byCode = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> byRule = new ConcurrentHashMap<>();

    DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.decisions = Counter.builder("triage.decisions").description("Decisions stored and returned").register(registry);
    }

    void recorded(Evaluation evaluation) {
        decisions.increment();
        for (RecommendationResult r : evaluation.recommendations()) {
            byCode.computeIfAbsent(r.code(), code -> Counter.builder("triage.recommendations")
                    .description("Recommendations made, per code").tag("code", code).register(registry)).increment();
        }
        for (TraceEntry t : evaluation.trace()) {
            byRule.computeIfAbsent(t.rule(), rule -> Counter.builder("triage.rule.firings")
                    .description("Rule firings, per rule id").tag("rule", rule).register(registry)).increment();
        }
    }
}

package io.triage.ops;

import io.triage.store.DecisionLog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the decision log has a writer; says how often it was replaced and what failed last. */
@Readiness
@ApplicationScoped
public class DecisionLogHealth implements HealthCheck {

    private final DecisionLog log;

    DecisionLogHealth(DecisionLog log) {
        this.log = log;
    }

    @Override
    public HealthCheckResponse call() {
        DecisionLog.WriterState state = log.writerState();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("decision-log").status(state.alive())
                .withData("writerRestarts", state.restarts())
                .withData("failedBatches", state.failedBatches())
                .withData("commits", state.commits())
                .withData("decisionsCommitted", state.decisions());
        if (state.lastFailure() != null) {
            builder.withData("lastFailure", state.lastFailure().length() <= 200 ? state.lastFailure()
                    : state.lastFailure().substring(0, 197) + "...");
        }
        return builder.build();
    }
}

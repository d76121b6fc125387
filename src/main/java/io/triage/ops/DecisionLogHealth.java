package io.triage.ops;

import io.triage.store.DecisionLog;
import io.triage.store.H2FileCompaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the decision log has a writer; says how often it was replaced and what failed
 * last, and on an embedded H2 file how large the file is and how its compaction is doing.
 */
@Readiness
@ApplicationScoped
public class DecisionLogHealth implements HealthCheck {

    private final DecisionLog log;
    private final H2FileCompaction compaction;

    DecisionLogHealth(DecisionLog log, H2FileCompaction compaction) {
        this.log = log;
        this.compaction = compaction;
    }

    @Override
    public HealthCheckResponse call() {
        DecisionLog.WriterState state = log.writerState();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("decision-log").status(state.alive())
                .withData("writerRestarts", state.restarts())
                .withData("failedBatches", state.failedBatches())
                .withData("commits", state.commits())
                .withData("decisionsCommitted", state.decisions());
        compaction.state().ifPresent(file -> {
            builder.withData("h2CompactionRounds", file.rounds())
                    .withData("h2CompactionRoundsThatRewrote", file.roundsThatRewrote())
                    .withData("h2CompactionFailedRounds", file.failedRounds())
                    .withData("h2SlowestSyncMillis", file.slowestSyncMillis());
            if (file.fileBytes() != null) {
                builder.withData("h2FileBytes", file.fileBytes())
                        .withData("h2ChunksFillRate", file.chunksFillRate())
                        .withData("h2LastSyncMillis", file.lastSyncMillis())
                        .withData("h2RetentionMillis", file.retentionMillis());
            }
        });
        if (state.lastFailure() != null) {
            builder.withData("lastFailure", state.lastFailure().length() <= 200 ? state.lastFailure()
                    : state.lastFailure().substring(0, 197) + "...");
        }
        return builder.build();
    }
}

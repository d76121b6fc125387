package io.triage.ops;

import io.triage.policy.ActiveVersionSync;
import io.triage.rules.CompiledVersions;
import io.triage.store.Database;
import io.triage.store.ServingInstances;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * This instance among the others on the same database: its name, whether it hears their
 * announcements, the version the database says is active, and the version each instance seen
 * lately serves (whichever instance answers GET /api/status). An instance that cannot serve the
 * active version stays up on the one it has, as the activation authority wants, and shows here as
 * an anomaly. Reads only memory: the sync thread refreshes it.
 */
@Readiness
@ApplicationScoped
public class ClusterHealth implements HealthCheck {

    private final ActiveVersionSync sync;
    private final CompiledVersions compiled;
    private final boolean shared;

    ClusterHealth(ActiveVersionSync sync, CompiledVersions compiled, Database database) {
        this.sync = sync;
        this.compiled = compiled;
        this.shared = database.shared();
    }

    @Override
    public HealthCheckResponse call() {
        ActiveVersionSync.View view = sync.view();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("cluster").up()
                .withData("instance", view.instance())
                .withData("events", !shared ? "single instance (H2)" : view.listening() ? "listening"
                        : "not listening (reconnecting); shared state is re-read every poll interval");
        if (view.databaseVersion() != null) {
            builder.withData("activeVersion", view.databaseVersion());
        }
        // a version compiled here swaps in at once when activated anywhere
        builder.withData("compiled", String.join(", ", compiled.ready()));
        if (view.problem() != null) {
            builder.withData("anomaly", view.problem());
        }
        for (ServingInstances.Row row : view.instances()) {
            builder.withData("instance " + row.instance(), "serves " + row.servingVersion() + ", seen "
                    + row.age().toSeconds() + " s ago, up since " + row.startedAt()
                    + (row.problem() == null ? "" : "; " + row.problem()));
        }
        return builder.build();
    }
}

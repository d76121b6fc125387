package io.triage.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.UUID;

/** Gives the application a fresh database on the shared local PostgreSQL server. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalPostgres pg = LocalPostgres.get();
        String url = pg.createDatabase("triage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        return Map.of(
                "triage.db.kind", "postgresql",
                "triage.db.url", url,
                "triage.db.user", pg.user(),
                "triage.db.password", pg.password());
    }

    @Override
    public void stop() {
        // the database goes away with the server at JVM exit
    }
}

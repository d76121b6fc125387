package io.triage.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** Runs a {@code @QuarkusTest} against a real PostgreSQL (see {@link LocalPostgres}) instead of H2. */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresResource.class));
    }

    /** A short acknowledgement time, so a test can hold a write past it (PostgreSQL answers in milliseconds). */
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("triage.db.ack-timeout", "5s");
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}

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

    @Override
    public String getConfigProfile() {
        return "test";
    }
}

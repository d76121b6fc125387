package io.triage.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.triage.testing.PostgresProfile;

/** The store contract on a real PostgreSQL server. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class PostgresDecisionStoreTest extends DecisionStoreContract {
}

package io.triage.store;

import io.quarkus.test.junit.QuarkusTest;

/** The store contract on the embedded H2 database. */
@QuarkusTest
class H2DecisionStoreTest extends DecisionStoreContract {
}

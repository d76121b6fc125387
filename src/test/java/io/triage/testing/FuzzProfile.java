package io.triage.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A service of its own for the fuzz test: the accounts, decisions, candidates and activations its
 * thousands of requests leave behind stay out of every other test's way.
 */
public class FuzzProfile implements QuarkusTestProfile {
}

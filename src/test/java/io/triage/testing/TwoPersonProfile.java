package io.triage.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The two-person rule switched on: every activation needs a second policy owner's approval. */
public class TwoPersonProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("triage.policy.two-person-rule", "true");
    }
}

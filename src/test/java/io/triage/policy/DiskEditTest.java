package io.triage.policy;

import static io.triage.testing.RuleFixtures.BROKEN_RULE;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.triage.testing.DiskCopyProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import static io.triage.policy.RuleSetLifecycleTest.activeVersion;
import static io.triage.security.Roles.AUDITOR;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/** Editing the files under rules/ on disk: a good edit goes live within seconds, a bad one never does. */
@QuarkusTest
@TestProfile(DiskCopyProfile.class)
class DiskEditTest {

    @ConfigProperty(name = "triage.rules.dir")
    Path rulesDir;

    private static JsonPath diskStatus() {
        return as(AUDITOR).when().get("/api/rulesets/disk").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath waitFor(Predicate<JsonPath> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonPath status = diskStatus();
        while (!done.test(status) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = diskStatus();
        }
        return status;
    }

    @Test
    void aGoodEditIsActivatedAndABrokenOneIsRefusedWithItsLine() throws Exception {
        String before = activeVersion();
        Path texts = rulesDir.resolve("recommendations.yaml");
        Files.writeString(texts, Files.readString(texts).replace("title: \"Use a well-prompted frontier model\"",
                "title: \"Use a frontier model with a good prompt\""));

        JsonPath activated = waitFor(s -> "activated".equals(s.getString("lastEdit.outcome")));
        assertThat(activated.getString("lastEdit.outcome")).isEqualTo("activated");
        String edited = activeVersion();
        assertThat(edited).isNotEqualTo(before).isEqualTo(activated.getString("lastEdit.version"));
        JsonPath activations = as(AUDITOR).when().get("/api/rulesets/activations").then().extract().jsonPath();
        assertThat(activations.getString("[0].version")).isEqualTo(edited);
        assertThat(activations.getString("[0].activatedBy")).isEqualTo("disk");
        assertThat(activations.getString("[0].previousVersion")).isEqualTo(before);

        Path broken = rulesDir.resolve("99-broken.drl");
        Files.writeString(broken, BROKEN_RULE);
        JsonPath refused = waitFor(s -> "refused".equals(s.getString("lastEdit.outcome")));
        assertThat(refused.getString("lastEdit.outcome")).isEqualTo("refused");
        assertThat(refused.getList("lastEdit.problems", String.class)).anySatisfy(p -> assertThat(p).startsWith("rules/99-broken.drl:7"));
        assertThat(activeVersion()).isEqualTo(edited);
        as(AUDITOR).when().get("/api/status").then().statusCode(200)
                .body("checks.find { it.name == 'rule-set' }.data.lastDiskEdit", org.hamcrest.Matchers.startsWith("refused"));

        Files.delete(broken);
        JsonPath back = waitFor(s -> "unchanged".equals(s.getString("lastEdit.outcome")));
        assertThat(back.getString("lastEdit.outcome")).isEqualTo("unchanged");
        assertThat(activeVersion()).isEqualTo(edited);
    }
}

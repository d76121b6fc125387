package io.triage.policy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.triage.cluster.ClusterEvents;
import io.triage.json.CanonicalJson;
import io.triage.rules.RuleSetFiles;
import io.triage.store.RuleSetHistory;
import io.triage.store.RuleSetRepository;
import io.triage.testing.PostgresProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The active version is database state. The running application is one instance; this test acts
 * as another on the same PostgreSQL database: it commits activations there (as that instance's
 * activator would) and announces them on its own LISTEN/NOTIFY connection, or does not.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class ActiveVersionAcrossInstancesTest {

    private static ClusterEvents other;

    @Inject
    RuleSetHistory history;

    @Inject
    RuleSetRepository repository;

    private String original;

    private static synchronized ClusterEvents other() {
        if (other == null) {
            PGSimpleDataSource db = new PGSimpleDataSource();
            db.setURL(ConfigProvider.getConfig().getValue("triage.db.url", String.class));
            db.setUser(ConfigProvider.getConfig().getValue("triage.db.user", String.class));
            db.setPassword(ConfigProvider.getConfig().getValue("triage.db.password", String.class));
            other = ClusterEvents.overPostgres(db, db::getConnection, Duration.ofMinutes(10));
            other.start();
        }
        return other;
    }

    @AfterAll
    static void stopOther() {
        if (other != null) {
            other.stop();
        }
    }

    @BeforeEach
    void remember() {
        original = servedVersion();
    }

    @AfterEach
    void putBack() throws InterruptedException {
        activateElsewhere(original, true);
        await("the original version serving again", Duration.ofSeconds(5), () -> original.equals(servedVersion()));
    }

    private static String servedVersion() {
        return as(POLICY_OWNER).when().get("/api/rulesets/active").then().statusCode(200).extract().path("version");
    }

    private static Map<String, Object> clusterCheck() {
        JsonPath status = as(AUDITOR).when().get("/api/status").then().extract().jsonPath();
        return status.getMap("checks.find { it.name == 'cluster' }.data");
    }

    /** A version as another instance would have validated it: its sources stored, its report "passed". */
    private String storePassedVariant(String rulesFile, String content) {
        Map<String, String> files = new TreeMap<>(repository.find(original).orElseThrow().files().all());
        files.put(rulesFile, content);
        RuleSetFiles variant = RuleSetFiles.of(files);
        repository.save(variant, "policy-elsewhere");
        history.saveCandidate(variant.version(), true, CanonicalJson.parse("{\"passed\": true}"), "upload", "policy-elsewhere");
        return variant.version();
    }

    private void activateElsewhere(String version, boolean announce) {
        history.activate(version, "policy-elsewhere", "activated on another instance", null);
        if (announce) {
            other().publish(Activator.VERSION_ACTIVATED, version);
        }
    }

    private String retitled(String title) {
        String texts = repository.find(original).orElseThrow().files().get(RuleSetFiles.RECOMMENDATIONS);
        assertThat(texts).contains("title: \"Use a well-prompted frontier model\"");
        return texts.replace("title: \"Use a well-prompted frontier model\"", "title: \"" + title + "\"");
    }

    private static Duration await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError(what + " did not happen within " + limit);
            }
            Thread.sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void anActivationOnAnotherInstanceServesHereWithinASecond() throws InterruptedException {
        String version = storePassedVariant(RuleSetFiles.RECOMMENDATIONS, retitled("A frontier model, prompted well"));
        other().publish(ActiveVersionSync.VERSION_PASSED, version);
        await("compiled here ahead of its activation", Duration.ofSeconds(60),
                () -> String.valueOf(clusterCheck().get("compiled")).contains(version));

        activateElsewhere(version, true);

        assertThat(await("the activation serving here", Duration.ofSeconds(5), () -> version.equals(servedVersion())))
                .isLessThan(Duration.ofSeconds(1));
        as(POLICY_OWNER).when().get("/api/rulesets/active").then().body("activatedBy", org.hamcrest.Matchers.equalTo("policy-elsewhere"));
        await("the status naming it", Duration.ofSeconds(5), () -> version.equals(clusterCheck().get("activeVersion")));
        Map<String, Object> cluster = clusterCheck();
        String instance = (String) cluster.get("instance");
        assertThat(cluster.get("events")).isEqualTo("listening");
        assertThat((String) cluster.get("instance " + instance)).startsWith("serves " + version);
    }

    @Test
    void anActivationWhoseAnnouncementIsLostIsFoundByThePeriodicCheck() throws InterruptedException {
        String version = storePassedVariant(RuleSetFiles.RECOMMENDATIONS, retitled("A frontier model with a good prompt"));

        activateElsewhere(version, false);

        // the periodic check runs every second in tests (triage.cluster.poll-interval)
        await("the activation serving here", Duration.ofSeconds(10), () -> version.equals(servedVersion()));
    }

    @Test
    void anInstanceThatCannotCompileTheActiveVersionKeepsServingItsOwnAndSaysSo() throws InterruptedException {
        String broken = storePassedVariant("rules/99-broken.drl", """
                package rules;
                rule "Broken"
                    @id("broken") @source("Triage tests")
                when
                    Answer( then
                end
                """);

        activateElsewhere(broken, true);

        await("the anomaly shown", Duration.ofSeconds(10), () -> clusterCheck().containsKey("anomaly"));
        assertThat(servedVersion()).as("still serving the version it had").isEqualTo(original);
        assertThat((String) clusterCheck().get("anomaly")).contains("cannot serve " + broken).contains("still serving " + original);
        as(AUDITOR).when().get("/api/status").then().statusCode(200);

        activateElsewhere(original, true);
        await("the anomaly gone", Duration.ofSeconds(10), () -> !clusterCheck().containsKey("anomaly"));
    }
}

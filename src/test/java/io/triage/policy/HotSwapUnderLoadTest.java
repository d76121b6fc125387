package io.triage.policy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.triage.policy.RuleSetLifecycleTest.activate;
import static io.triage.policy.RuleSetLifecycleTest.activeVersion;
import static io.triage.policy.RuleSetLifecycleTest.upload;
import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions keep coming from several threads while the active version is swapped 20 times: no
 * request fails, every decision names one of the two versions, and every one replays to a match on
 * the version it names — so no decision ever ran on a mix of the two.
 */
@QuarkusTest
class HotSwapUnderLoadTest {

    @Test
    void twentySwapsUnderLoadLoseNothingAndMixNothing() throws Exception {
        String a = activeVersion();
        String recommendations = as(POLICY_OWNER).when().get("/api/rulesets/" + a + "/source")
                .then().statusCode(200).extract().path("files.'rules/recommendations.yaml'");
        String reworded = recommendations.replace("title: \"Retrieve your documents at answer time (RAG)\"",
                "title: \"Fetch the agency's documents when answering (RAG)\"");
        assertThat(reworded).isNotEqualTo(recommendations);
        JsonPath candidate = upload(Map.of("recommendations.yaml", reworded), 201);
        assertThat(candidate.getBoolean("passed")).isTrue();
        String b = candidate.getString("version");

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        Map<String, String> versionOf = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int client = t;
            running.add(clients.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    Response r = as(PRESALES).contentType(ContentType.JSON)
                            .body("{\"answers\": {\"must_know_org_content\": true, \"monthly_calls\": " + (client * 100000 + i) + "}}")
                            .when().post("/api/decisions");
                    if (r.statusCode() != 201) {
                        failures.incrementAndGet();
                    } else {
                        JsonPath d = r.jsonPath();
                        String version = d.getString("rulesetVersion");
                        String title = d.getString("recommendations.find { it.code == 'RAG' }.title");
                        // the texts must come from the same version the decision names
                        boolean consistent = version.equals(b) == title.startsWith("Fetch the agency's documents");
                        versionOf.put(d.getString("id"), consistent ? version : "MIXED " + version);
                    }
                }
            }));
        }
        for (int swap = 0; swap < 20; swap++) {
            activate(swap % 2 == 0 ? b : a);
            Thread.sleep(150);
        }
        stop.set(true);
        for (Future<?> f : running) {
            f.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
        activate(a);

        assertThat(failures.get()).as("failed requests").isZero();
        assertThat(versionOf).hasSizeGreaterThan(40);
        assertThat(Set.copyOf(versionOf.values())).containsExactlyInAnyOrder(a, b);
        JsonPath replay = as(AUDITOR).contentType(ContentType.JSON).when().post("/api/audit/replay").then().statusCode(200).extract().jsonPath();
        assertThat(replay.getLong("mismatched")).isZero();
        assertThat(replay.getLong("replayed")).isGreaterThanOrEqualTo(versionOf.size());
        assertThat(as(AUDITOR).when().get("/api/rulesets/activations").then().extract().jsonPath()
                .getList("findAll { it.version == '" + b + "' }")).hasSizeGreaterThanOrEqualTo(10);
    }
}

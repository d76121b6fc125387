package io.triage.policy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.triage.testing.Accounts;
import io.triage.testing.HostileRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Candidates that stay inside the rule language yet try to hurt the service anyway: by exhausting
 * the process that validates them, or by looping. They are contained in the worker, recorded for
 * auditors, never activated, and decisions go on at their usual speed meanwhile.
 */
@QuarkusTest
class HostileCandidateTest {

    static final String LOOPS = """
            package rules;
            import io.triage.facts.Answer;
            import io.triage.facts.Term;
            rule "Loops"
                @id("loops") @source("Triage tests")
            when
                Answer(question == "task_type")
                Term(name == "spin")
            then
                insert(new Term("spin"));
            end
            rule "Starts the loop"
                @id("starts-the-loop") @source("Triage tests")
            when
                Answer(question == "task_type")
            then
                insert(new Term("spin"));
            end
            """;

    /** Uploads a candidate; a compiling one answers 201 the first time and 200 when the same content comes again. */
    private static JsonPath upload(Map<String, String> files, int status) {
        return as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("files", files))
                .when().post("/api/rulesets").then()
                .statusCode(status == 201 ? org.hamcrest.Matchers.oneOf(200, 201) : org.hamcrest.Matchers.equalTo(status))
                .extract().jsonPath();
    }

    private static long decide() {
        long start = System.nanoTime();
        as(PRESALES).contentType(ContentType.JSON).body("{\"answers\": {\"task_type\": \"extraction\", \"monthly_calls\": 50000}}")
                .when().post("/api/decisions").then().statusCode(201);
        return System.nanoTime() - start;
    }

    private static long median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void aCandidateThatKillsItsWorkerIsRecordedNeverActivatedAndDecisionsGoOnMeanwhile() throws Exception {
        String before = RuleSetLifecycleTest.activeVersion();
        List<Long> quiet = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            quiet.add(decide());
        }
        List<Long> meanwhile = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean uploading = new AtomicBoolean(true);
        Thread presales = new Thread(() -> {
            while (uploading.get()) {
                meanwhile.add(decide());
            }
        });
        presales.start();
        JsonPath refused;
        try {
            refused = upload(Map.of("rules/99-explodes.drl", HostileRules.EXPLODES), 422);
        } finally {
            uploading.set(false);
            presales.join();
        }

        assertThat(refused.getString("type")).endsWith("rule-set-validation-unfinished");
        assertThat(refused.getString("report.worker.step")).startsWith("golden case ");
        assertThat(RuleSetLifecycleTest.activeVersion()).isEqualTo(before);
        JsonPath attempts = as(AUDITOR).when().get("/api/rulesets/attempts").then().statusCode(200).extract().jsonPath();
        assertThat(attempts.getString("[0].version")).isEqualTo(refused.getString("report.version"));
        // it exhausts the worker's heap, or, on a slow machine, its time first: either way it is contained
        assertThat(attempts.getString("[0].outcome")).isIn("crashed", "timed_out");
        assertThat(attempts.getString("[0].detail")).contains("golden case");
        as(AUDITOR).when().get("/api/rulesets/" + refused.getString("report.version")).then().statusCode(404);

        assertThat(meanwhile).as("decisions were made while the worker ran").isNotEmpty();
        long allowed = Math.max(250_000_000L, 5 * median(quiet));
        assertThat(median(meanwhile)).as("median decision time while the worker ran (ns)").isLessThan(allowed);
    }

    @Test
    void aCandidateThatLoopsIsStoppedByItsBudgetAndRefusedAtTheCaseItLoopedOn() {
        JsonPath report = upload(Map.of("rules/99-loops.drl", LOOPS), 201);
        assertThat(report.getBoolean("report.passed")).isFalse();
        assertThat(report.getList("report.cases.results.findAll { !it.passed }.failures.flatten()", String.class))
                .isNotEmpty().allSatisfy(f -> assertThat(f).contains("evaluation failed").contains("'loops'"));
    }

    @Test
    void aCandidateThatComputesACodeOutsideTheCatalogueIsRefusedAtItsGoldenCasesAndNeverActivated() {
        // the compiler refuses a literal code the catalogue lacks; one built from an answer only shows when the rules run
        String before = RuleSetLifecycleTest.activeVersion();
        JsonPath report = upload(Map.of("rules/99-computed-code.drl", """
                package rules;
                import io.triage.facts.Answer;
                import io.triage.facts.Recommendation;
                rule "Computes a code"
                    @id("computes-a-code") @source("Triage tests")
                when
                    Answer(question == "task_type", $code : text)
                then
                    insert(new Recommendation($code.toUpperCase()));
                end
                """), 201);

        assertThat(report.getBoolean("passed")).isFalse();
        assertThat(report.getList("report.cases.results.findAll { !it.passed }.failures.flatten()", String.class))
                .isNotEmpty().allSatisfy(f -> assertThat(f).contains("rule 'computes-a-code' concluded code '")
                        .contains("which has no texts in recommendations.yaml"));
        as(POLICY_OWNER).contentType(ContentType.JSON).when().post("/api/rulesets/" + report.getString("version") + "/activate")
                .then().statusCode(409);
        assertThat(RuleSetLifecycleTest.activeVersion()).isEqualTo(before);
    }

    @Test
    void noReportOrAnswerCarriesASecret() {
        upload(Map.of("rules/99-loops.drl", LOOPS), 201);
        List<String> secrets = new ArrayList<>(Accounts.read(Accounts.TEST_DATA).values());
        String everything = as(AUDITOR).when().get("/api/rulesets").then().extract().asString()
                + as(AUDITOR).when().get("/api/rulesets/attempts").then().extract().asString();
        for (String version : as(AUDITOR).when().get("/api/rulesets").then().extract().jsonPath().getList("version", String.class)) {
            everything += as(AUDITOR).when().get("/api/rulesets/" + version).then().extract().asString();
        }
        for (String secret : secrets) {
            assertThat(everything).doesNotContain(secret);
        }
    }
}

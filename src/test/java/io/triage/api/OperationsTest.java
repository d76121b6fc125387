package io.triage.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
class OperationsTest {

    @Test
    void anonymousHealthSaysOnlyUpOrDown() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/health/started", "/q/health/well",
                "/q/health/group", "/q/health/ready/", "/q/health/./ready", "/q/health/live/../ready")) {
            io.restassured.response.Response r = given().when().get(path);
            assertThat(r.statusCode()).as(path).isIn(200, 503);
            assertThat(r.asString()).as(path).isIn("{\"status\":\"UP\"}", "{\"status\":\"DOWN\"}");
        }
        for (String path : List.of("/q/health//ready", "/q/health/ready%2F", "/q/health/group/x", "/q//health/ready", "/q/health/checks")) {
            assertThat(given().redirects().follow(false).when().get(path).asString()).as(path)
                    .doesNotContain("sha256:").doesNotContain("activatedBy").doesNotContain("checks");
        }
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        assertThat(given().when().head("/q/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void anonymousHealthAnswersOnlyGetAndHead() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/health/group", "/q/health/ready/")) {
                io.restassured.response.Response r = given().contentType(ContentType.JSON).body("{}").when().request(method, path);
                assertThat(r.statusCode()).as(method + " " + path).isEqualTo(405);
                assertThat(r.header("Allow")).as(method + " " + path).isEqualTo("GET, HEAD");
                assertThat(r.asString()).as(method + " " + path).doesNotContain("checks").doesNotContain("sha256:");
            }
            // paths outside the open health paths meet the login first; either way no check's data
            for (String path : List.of("/q/health//ready", "/q//health/ready", "/q/health/group/x")) {
                io.restassured.response.Response r = given().redirects().follow(false).contentType(ContentType.JSON).body("{}")
                        .when().request(method, path);
                assertThat(r.statusCode()).as(method + " " + path).isNotEqualTo(200);
                assertThat(r.asString()).as(method + " " + path).doesNotContain("checks").doesNotContain("sha256:");
            }
        }
    }

    @Test
    void theDetailsOfHealthNeedALogin() {
        given().when().get("/api/status").then().statusCode(401);
        as(PRESALES).when().get("/api/status").then().statusCode(403);
        for (String role : List.of(POLICY_OWNER, AUDITOR, ADMIN)) {
            as(role).when().get("/api/status")
                    .then().statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.find { it.name == 'rule-set' }.data.version", matchesPattern("sha256:[0-9a-f]{64}"))
                    .body("checks.find { it.name == 'rule-set' }.data.activatedBy", org.hamcrest.Matchers.notNullValue());
        }
    }

    @Test
    void metricsCountDecisionsRecommendationsAndRuleFirings() {
        as(PRESALES).contentType(ContentType.JSON).body("{\"answers\": {\"must_know_org_content\": true}}")
                .post("/api/decisions").then().statusCode(201);
        as(ADMIN).when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("triage_decisions_total"))
                .body(containsString("triage_recommendations_total{code=\"RAG\"}"))
                .body(containsString("triage_rule_firings_total{rule=\"strategy-rag\"}"));
    }

    @Test
    void publishesTheOpenApiDocument() {
        as(PRESALES).when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body(containsString("/api/decisions"));
    }
}

package io.triage.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
class OperationsTest {

    @Test
    void readinessReportsTheActiveRuleSet() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'rule-set' }.data.version", matchesPattern("sha256:[0-9a-f]{64}"));
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

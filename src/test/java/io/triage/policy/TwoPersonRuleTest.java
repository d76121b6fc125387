package io.triage.policy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.triage.testing.TwoPersonProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.triage.policy.RuleSetLifecycleTest.activeVersion;
import static io.triage.policy.RuleSetLifecycleTest.upload;
import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** With the two-person rule on, nobody activates a version alone. */
@QuarkusTest
@TestProfile(TwoPersonProfile.class)
class TwoPersonRuleTest {

    @Test
    void activationNeedsTheApprovalOfASecondPolicyOwner() {
        String second = "second-owner";
        String password = as(ADMIN).contentType(ContentType.JSON).body(Map.of("name", second, "roles", List.of(POLICY_OWNER)))
                .when().post("/api/accounts").then().statusCode(201).extract().path("password");
        RequestSpecification secondOwner = RestAssured.given().auth().preemptive().basic(second, password);

        String before = activeVersion();
        String version = upload(Map.of("rules/60-batch.drl", RuleSetLifecycleTest.BATCH_RULE,
                "very-long-batch-prompt.yaml", RuleSetLifecycleTest.BATCH_CASE), 201).getString("version");

        as(POLICY_OWNER).contentType(ContentType.JSON).when().post("/api/rulesets/" + version + "/activate")
                .then().statusCode(409).body("detail", containsString("two-person rule"));
        as(POLICY_OWNER).contentType(ContentType.JSON).when().post("/api/rulesets/" + version + "/approve").then().statusCode(200);
        as(POLICY_OWNER).contentType(ContentType.JSON).when().post("/api/rulesets/" + version + "/activate").then().statusCode(409);
        assertThat(activeVersion()).isEqualTo(before);

        secondOwner.contentType(ContentType.JSON).when().post("/api/rulesets/" + version + "/approve").then().statusCode(200)
                .body("approvals.by", org.hamcrest.Matchers.hasItems(POLICY_OWNER, second));
        as(POLICY_OWNER).contentType(ContentType.JSON).when().post("/api/rulesets/" + version + "/activate").then().statusCode(200)
                .body("approvedBy", equalTo(second));
        assertThat(activeVersion()).isEqualTo(version);

        // rolling back is an activation too: it needs a second person as well
        secondOwner.contentType(ContentType.JSON).when().post("/api/rulesets/" + before + "/activate").then().statusCode(409);
        as(POLICY_OWNER).contentType(ContentType.JSON).when().post("/api/rulesets/" + before + "/approve").then().statusCode(200);
        secondOwner.contentType(ContentType.JSON).when().post("/api/rulesets/" + before + "/activate").then().statusCode(200)
                .body("approvedBy", equalTo(POLICY_OWNER));
        assertThat(activeVersion()).isEqualTo(before);
    }
}

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
import static org.hamcrest.Matchers.hasItem;

/** With the two-person rule on, nobody activates a version alone. */
@QuarkusTest
@TestProfile(TwoPersonProfile.class)
class TwoPersonRuleTest {

    @Test
    void theApproverIsNeitherTheSubmitterNorTheOneWhoActivates() {
        RequestSpecification second = newPolicyOwner("second-owner");
        String before = activeVersion();
        String version = upload(Map.of("rules/60-batch.drl", RuleSetLifecycleTest.BATCH_RULE,
                "very-long-batch-prompt.yaml", RuleSetLifecycleTest.BATCH_CASE), 201).getString("version");

        post(as(POLICY_OWNER), version, "activate").statusCode(409).body("detail", containsString("two-person rule"));
        post(as(POLICY_OWNER), version, "approve").statusCode(409).body("detail", containsString("you submitted"));
        assertThat(activeVersion()).isEqualTo(before);

        post(second, version, "approve").statusCode(200).body("approvals.by", hasItem("second-owner"));
        post(second, version, "activate").statusCode(409)
                .body("detail", containsString("other than second-owner and policy-owner, who submitted it"));
        post(as(POLICY_OWNER), version, "activate").statusCode(200).body("approvedBy", equalTo("second-owner"));
        assertThat(activeVersion()).isEqualTo(version);

        // rolling back is an activation too: the version startup submitted needs a second person as well
        post(second, before, "activate").statusCode(409);
        post(as(POLICY_OWNER), before, "approve").statusCode(200);
        post(second, before, "activate").statusCode(200).body("approvedBy", equalTo(POLICY_OWNER));
        assertThat(activeVersion()).isEqualTo(before);
    }

    private static RequestSpecification newPolicyOwner(String name) {
        String password = as(ADMIN).contentType(ContentType.JSON).body(Map.of("name", name, "roles", List.of(POLICY_OWNER)))
                .when().post("/api/accounts").then().statusCode(201).extract().path("password");
        return RestAssured.given().auth().preemptive().basic(name, password);
    }

    private static io.restassured.response.ValidatableResponse post(RequestSpecification who, String version, String action) {
        return who.contentType(ContentType.JSON).when().post("/api/rulesets/" + version + "/" + action).then();
    }
}

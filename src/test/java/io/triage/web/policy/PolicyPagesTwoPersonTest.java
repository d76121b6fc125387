package io.triage.web.policy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.triage.testing.TwoPersonProfile;
import io.triage.testing.PageSession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.testing.Accounts.as;
import static io.triage.web.policy.PolicyPagesTest.activeVersion;
import static io.triage.web.policy.PolicyPagesTest.text;
import static org.assertj.core.api.Assertions.assertThat;

/** With the two-person rule on, the version page offers approval and explains a refused activation. */
@QuarkusTest
@TestProfile(TwoPersonProfile.class)
class PolicyPagesTwoPersonTest {

    static final String BATCH_RULE = """
            package rules;
            import io.triage.facts.Answer;
            import io.triage.facts.Recommendation;

            rule "Huge prompts slow batch runs too"
                @id("caution-huge-batch-prompt-web") @source("Triage tests")
                salience 400
            when
                Answer(question == "interaction_mode", text == "batch")
                Answer(question == "system_prompt_tokens", number >= 30000)
            then
                insert(new Recommendation("LONG_PROMPT_LATENCY"));
            end
            """;
    static final String BATCH_CASE = """
            description: A 40,000-token prompt slows even batch processing.
            answers: { interaction_mode: batch, system_prompt_tokens: 40000 }
            expect:
              present: [LONG_PROMPT_LATENCY]
              rules: [caution-huge-batch-prompt-web]
            """;

    @Test
    void activationWaitsForTheApprovalOfASecondPolicyOwner() {
        String second = "second-web-owner";
        String password = as(ADMIN).contentType(ContentType.JSON).body(Map.of("name", second, "roles", List.of(POLICY_OWNER)))
                .when().post("/api/accounts").then().statusCode(201).extract().path("password");
        String before = activeVersion();
        try {
            PageSession owner = PageSession.as(POLICY_OWNER);
            assertThat(text(owner.page("/policy", 200), "two-person-rule")).startsWith("on");
            String version = PolicyPagesTest.submit(owner, Map.of("path", "rules/61-huge-batch.drl", "content", BATCH_RULE),
                    Map.of("huge-batch-prompt.yaml", BATCH_CASE));
            String page = owner.page("/policy/versions/" + version, 200);
            assertThat(text(page, "report-status")).contains("passed");
            assertThat(page).contains("id=\"activate\"").contains("id=\"approve-hint\"").doesNotContain("id=\"approve\"");

            Response refused = owner.post("/policy/versions/" + version + "/activate", Map.of());
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(text(refused.asString(), "error")).contains("two-person rule");
            assertThat(activeVersion()).isEqualTo(before);

            PageSession secondOwner = PageSession.login(second, password);
            assertThat(secondOwner.page("/policy/versions/" + version, 200)).contains("id=\"approve\"");
            Response approved = secondOwner.post("/policy/versions/" + version + "/approve", Map.of());
            assertThat(approved.statusCode()).isEqualTo(303);
            assertThat(approved.header("Location")).endsWith("?approved=true");
            assertThat(text(owner.page("/policy/versions/" + version, 200), "approvals")).contains(second);

            assertThat(owner.post("/policy/versions/" + version + "/activate", Map.of()).statusCode()).isEqualTo(303);
            assertThat(activeVersion()).isEqualTo(version);
            assertThat(owner.page("/policy", 200)).contains(POLICY_OWNER + ", approved by " + second);
        } finally {
            if (!activeVersion().equals(before)) {
                as(POLICY_OWNER).contentType(ContentType.JSON).when().post("/api/rulesets/" + before + "/approve").then().statusCode(200);
                io.restassured.RestAssured.given().auth().preemptive().basic(second, password)
                        .contentType(ContentType.JSON).when().post("/api/rulesets/" + before + "/activate").then().statusCode(200);
            }
        }
    }
}

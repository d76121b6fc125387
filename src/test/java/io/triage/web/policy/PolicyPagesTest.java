package io.triage.web.policy;

import static io.triage.testing.RuleFixtures.BROKEN_RULE;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.triage.testing.PageSession;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A policy owner in the browser: logs in with the form, reads the CSRF token from the page and
 * posts forms as a browser would. Tests that change the active version put the original back.
 */
@QuarkusTest
class PolicyPagesTest {

    static final String SHORT_PROMPT_CASE = """
            description: A 1,199-token prompt stays under the threshold.
            answers: { interaction_mode: interactive, system_prompt_tokens: 1199 }
            expect:
              absent: [LONG_PROMPT_LATENCY]
            """;
    static final Pattern VERSION_PAGE = Pattern.compile("/policy/versions/(sha256:[0-9a-f]{64})\\?submitted=true$");

    @Test
    void aRuleThatDoesNotCompileIsShownWithItsErrorNextToTheLineAndChangesNothing() {
        String before = activeVersion();
        PageSession owner = PageSession.as(POLICY_OWNER);

        String version = submit(owner, Map.of("path", "rules/99-web-broken.drl", "content", BROKEN_RULE), Map.of());
        String page = owner.page("/policy/versions/" + version, 200);
        assertThat(text(page, "report-status")).contains("refused");
        assertThat(page).containsPattern("<li id=\"L7\" class=\"has-error\">[^<]*colour == &quot;red&quot;[^<]*"
                + "<span class=\"line-error\">rules/99-web-broken\\.drl:7:37: unknown name &#39;colour&#39;");
        assertThat(page).doesNotContain("id=\"activate\"");
        assertThat(activeVersion()).isEqualTo(before);

        // activating it anyway (a stale page, a crafted form) is refused on the version page
        Response refused = owner.post("/policy/versions/" + version + "/activate", Map.of());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(text(refused.asString(), "error")).contains("did not pass validation");
        assertThat(text(refused.asString(), "report-status")).contains("refused");
        assertThat(activeVersion()).isEqualTo(before);

        // fixing it from the refused version: it compiles now, but no golden case fires the new rule
        String editor = owner.page("/policy/upload?edit=rules/99-web-broken.drl&from=" + version, 200);
        assertThat(editor).contains("colour == &quot;red&quot;").contains("id=\"edited-from\"");
        String fixed = submit(owner, Map.of("path", "rules/99-web-broken.drl",
                "content", BROKEN_RULE.replace("colour == \"red\"", "text == \"red\"")), Map.of());
        String report = owner.page("/policy/versions/" + fixed, 200);
        assertThat(text(report, "report-status")).contains("refused");
        assertThat(text(report, "uncovered")).isEqualTo("broken");
        assertThat(report).doesNotContain("class=\"has-error\"").doesNotContain("id=\"failing-cases\"");
        assertThat(activeVersion()).isEqualTo(before);
    }

    @Test
    void aFailingGoldenCaseIsShownWithWhatItExpectedAndWhatItGot() {
        String before = activeVersion();
        String parameters = as(POLICY_OWNER).when().get("/api/rulesets/" + before + "/source")
                .then().statusCode(200).extract().path("files.'rules/parameters.yaml'");
        PageSession owner = PageSession.as(POLICY_OWNER);
        String version = submit(owner, Map.of(), Map.of("parameters.yaml", parameters.replace("value: 1500", "value: 1200")));
        String page = owner.page("/policy/versions/" + version, 200);
        assertThat(text(page, "report-status")).contains("refused");
        assertThat(text(page, "failing-cases")).contains("no-long-prompt-latency-for-short-prompt")
                .contains("expected LONG_PROMPT_LATENCY not to be recommended; got");
        assertThat(activeVersion()).isEqualTo(before);
    }

    @Test
    void aGoodChangePassesShowsItsImpactIsActivatedAndRolledBack() {
        String before = activeVersion();
        try {
            PageSession owner = PageSession.as(POLICY_OWNER);
            String editor = owner.page("/policy/upload?edit=parameters.yaml", 200);
            assertThat(editor).contains("id=\"path\" name=\"path\" value=\"rules/parameters.yaml\"")
                    .contains("value: 1500");

            String parameters = as(POLICY_OWNER).when().get("/api/rulesets/" + before + "/source")
                    .then().statusCode(200).extract().path("files.'rules/parameters.yaml'");
            String lowered = parameters.replace("value: 1500", "value: 1200");
            assertThat(lowered).isNotEqualTo(parameters);
            String affected = as(PRESALES).contentType(ContentType.JSON)
                    .body("{\"answers\": {\"interaction_mode\": \"interactive\", \"system_prompt_tokens\": 1300}}")
                    .when().post("/api/decisions").then().statusCode(201).extract().path("id");

            // the parameters as a chosen file, the case typed in the text box
            String version = submit(owner, Map.of("path", "no-long-prompt-latency-for-short-prompt.yaml", "content", SHORT_PROMPT_CASE),
                    Map.of("parameters.yaml", lowered));
            String page = owner.page("/policy/versions/" + version, 200);
            assertThat(text(page, "report-status")).contains("passed");
            assertThat(page).contains("id=\"activate\"").contains("id=\"impact\"").doesNotContain("id=\"approve\"");
            assertThat(owner.page("/policy/versions/" + version + "/files?path=rules/parameters.yaml", 200))
                    .contains("value: 1200");

            Response impact = owner.post("/policy/versions/" + version + "/impact", Map.of("from", "", "to", ""));
            assertThat(impact.statusCode()).isEqualTo(200);
            assertThat(impact.asString()).contains("id=\"impact-result\"")
                    .contains("<th scope=\"row\"><code>" + affected + "</code></th><td>LONG_PROMPT_LATENCY</td><td></td>");
            Response badWindow = owner.post("/policy/versions/" + version + "/impact", Map.of("from", "yesterday", "to", ""));
            assertThat(badWindow.statusCode()).isEqualTo(400);
            assertThat(text(badWindow.asString(), "error")).contains("'yesterday' is not a date");

            Response activated = owner.post("/policy/versions/" + version + "/activate", Map.of());
            assertThat(activated.statusCode()).isEqualTo(303);
            assertThat(activated.header("Location")).endsWith("/policy/versions/" + version + "?activated=true");
            assertThat(owner.page("/policy/versions/" + version + "?activated=true", 200))
                    .contains("Version " + version + " is now active.");
            assertThat(text(owner.page("/policy", 200), "active-version")).isEqualTo(version);
            assertThat(activeVersion()).isEqualTo(version);

            // roll back from the overview: the earlier version's button says so
            String overview = owner.page("/policy", 200);
            assertThat(overview).containsPattern("action=\"/policy/versions/" + before + "/activate\">\\s*<input[^>]*>\\s*"
                    + "<input type=\"hidden\" name=\"return\" value=\"overview\">\\s*<button type=\"submit\">Roll back to this version</button>");
            Response rolledBack = owner.post("/policy/versions/" + before + "/activate", Map.of("return", "overview"));
            assertThat(rolledBack.statusCode()).isEqualTo(303);
            assertThat(rolledBack.header("Location")).endsWith("/policy?activated=true");
            String after = owner.page("/policy?activated=true", 200);
            assertThat(text(after, "active-version")).isEqualTo(before);
            assertThat(after).contains("Version " + before + " is now active.");
            assertThat(activeVersion()).isEqualTo(before);
        } finally {
            if (!activeVersion().equals(before)) {
                as(POLICY_OWNER).contentType(ContentType.JSON).when().post("/api/rulesets/" + before + "/activate").then().statusCode(200);
            }
        }
    }

    @Test
    void aBrokenInvariantIsShownWithItsCounterexampleAndUnusedDataAsWarnings() {
        String before = activeVersion();
        String prerequisites = as(POLICY_OWNER).when().get("/api/rulesets/" + before + "/source")
                .then().statusCode(200).extract().path("files.'rules/30-prerequisites.drl'");
        String parameters = as(POLICY_OWNER).when().get("/api/rulesets/" + before + "/source")
                .then().statusCode(200).extract().path("files.'rules/parameters.yaml'");
        Map<String, String> files = new java.util.HashMap<>();
        files.put("rules/30-prerequisites.drl", prerequisites.replace(
                "    Recommendation(code in (\"FINE_TUNE_LORA\", \"FINE_TUNE_LATER\"))\n    Parameter(",
                "    Term(name == \"fine_tuning_on_the_table\")\n    Parameter("));
        files.put("rules/parameters.yaml", parameters + "\n  - name: max_pilot_weeks\n    value: 6\n    unit: weeks\n"
                + "    meaning: \"Longest pilot.\"\n    source: \"none yet\"\n");
        files.put("test-cases/no-collect-examples-when-only-asked-to-train.yaml", "");
        files.put("test-cases/full-questionnaire-classified-policy-assistant.yaml", "");
        String version = as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("files", files))
                .when().post("/api/rulesets").then().statusCode(201)
                .body("passed", org.hamcrest.Matchers.equalTo(false))
                .body("report.cases.failed", org.hamcrest.Matchers.equalTo(0))
                .body("report.invariants.violations[0].invariant", org.hamcrest.Matchers.equalTo("collect-examples-only-with-fine-tuning"))
                .body("report.warnings[0].code", org.hamcrest.Matchers.equalTo("unused_parameter"))
                .extract().path("version");

        String page = PageSession.as(POLICY_OWNER).page("/policy/versions/" + version, 200);
        assertThat(text(page, "report-status")).contains("refused");
        assertThat(text(page, "invariants-summary")).startsWith("1 of 18 invariants are broken");
        assertThat(text(page, "broken-collect-examples-only-with-fine-tuning")).contains("rules/invariants.yaml:")
                .contains("COLLECT_TRAINING_EXAMPLES only when FINE_TUNE_LORA or FINE_TUNE_LATER is recommended.");
        assertThat(page).containsPattern("<pre class=\"counterexample\"># Breaks invariant &#39;collect-examples-only-with-fine-tuning&#39;"
                + "[^<]*description: &quot;Invariant collect-examples-only-with-fine-tuning[^<]*absent: \\[COLLECT_TRAINING_EXAMPLES\\]");
        assertThat(text(page, "warning-list")).contains("rules/parameters.yaml:").contains("no rule reads parameter 'max_pilot_weeks'");
        assertThat(page).doesNotContain("id=\"activate\"");
        assertThat(activeVersion()).isEqualTo(before);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefusedAndChangeNothing() {
        String before = activeVersion();
        int versions = as(POLICY_OWNER).when().get("/api/rulesets").then().statusCode(200).extract().jsonPath().getList("$").size();
        PageSession owner = PageSession.as(POLICY_OWNER);
        owner.page("/policy", 200);

        Response upload = owner.request().multiPart("path", "rules/99-no-token.drl").multiPart("content", BROKEN_RULE)
                .when().post("/policy/upload");
        assertThat(upload.statusCode()).isEqualTo(403);
        Response activate = owner.request().contentType(ContentType.URLENC).formParam("csrf-token", "not-the-token")
                .when().post("/policy/versions/" + before + "/activate");
        assertThat(activate.statusCode()).isEqualTo(403);

        assertThat(as(POLICY_OWNER).when().get("/api/rulesets").then().extract().jsonPath().getList("$")).hasSize(versions);
        assertThat(activeVersion()).isEqualTo(before);
    }

    @Test
    void badFormInputIsShownOnTheFormWithWhatToFix() {
        PageSession owner = PageSession.as(POLICY_OWNER);
        Response unnamed = owner.upload("/policy/upload", Map.of("path", "", "content", "rule"), Map.of());
        assertThat(unnamed.statusCode()).isEqualTo(400);
        assertThat(text(unnamed.asString(), "form-errors")).contains("Name the file you typed");
        assertThat(unnamed.asString()).contains(">rule</textarea>");

        Response outside = owner.upload("/policy/upload", Map.of("path", "x/evil.drl", "content", "rule"), Map.of());
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(text(outside.asString(), "form-errors")).contains("must be under rules/ or test-cases/");
    }

    @Test
    void onlyPolicyOwnersSeeThePagesAndUnknownVersionsAreNotFound() {
        RestAssured.given().redirects().follow(false).when().get("/policy").then().statusCode(302);
        PageSession presales = PageSession.as(PRESALES);
        presales.page("/policy", 403);
        presales.page("/policy/upload", 403);

        PageSession owner = PageSession.as(POLICY_OWNER);
        assertThat(owner.page("/policy/versions/sha256:" + "0".repeat(64), 404)).contains("no rule-set version");
        owner.page("/policy/versions/not-a-version", 404);
        owner.page("/policy/versions/" + activeVersion() + "/files?path=rules/nothing.drl", 404);
    }

    static String activeVersion() {
        return as(PRESALES).when().get("/api/rulesets/active").then().statusCode(200).extract().path("version");
    }

    /** The text inside the element with this id, tags removed (it must not nest an element of its own kind). */
    static String text(String html, String id) {
        Matcher m = Pattern.compile("<(\\w+)[^>]*\\bid=\"" + id + "\"[^>]*>(.*?)</\\1>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("element #" + id + " in the page").isTrue();
        return m.group(2).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").trim()
                .replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** A browser session: the cookies of a form login and the CSRF token its pages carry. */
    /** Uploads through the upload form and follows the redirect to the new version's page; returns the version. */
    static String submit(PageSession owner, Map<String, String> fields, Map<String, String> files) {
        Response response = owner.upload("/policy/upload", fields, files);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(303);
        Matcher m = VERSION_PAGE.matcher(response.header("Location"));
        assertThat(m.find()).as(response.header("Location")).isTrue();
        return m.group(1);
    }
}

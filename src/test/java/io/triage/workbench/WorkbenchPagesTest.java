package io.triage.workbench;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.triage.testing.PageSession;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workbench pages without JavaScript, as a browser with scripts off would use them: the editor
 * (text boxes, findings listed with their line and column), the comparison of versions, the test
 * bench and its golden case, background jobs with a page that refreshes itself, and the schemas.
 */
@QuarkusTest
class WorkbenchPagesTest {

    static final Pattern EDITOR_REFUSED = Pattern.compile("/policy/editor\\?base=(sha256:[0-9a-f]{64})&refused=true$");
    static final Pattern SUBMITTED = Pattern.compile("/policy/versions/(sha256:[0-9a-f]{64})\\?submitted=true$");

    @Test
    void theEditorTakesSeveralFilesIntoOneCandidateAndMarksItsFindingsAtTheirPlace() {
        PageSession owner = PageSession.as(POLICY_OWNER);
        String active = activeVersion();
        String editor = owner.page("/policy/editor", 200);
        assertThat(editor).contains("<script src=\"/static/editor/editor.js\" defer></script>")
                .contains("data-editor=\"drl\" data-path=\"rules/40-cautions.drl\"")
                .contains("data-editor=\"yaml\" data-path=\"rules/questionnaire.yaml\"")
                .contains("value=\"" + active + "\"");

        String rule = """
                package rules;
                import io.triage.facts.Answer;
                import io.triage.facts.Recommendation;

                rule "Batch prompts"
                    @id("caution-batch-prompt") @source("Triage tests")
                when
                    Answer(question == "interaction_mode", colour == "batch")
                then
                    insert(new Recommendation("LONG_PROMPT_LATENCY"));
                end
                """;
        String badCase = """
                description: A typo in a key
                answers: { interaction_mode: batch }
                expect:
                  presnet: [LONG_PROMPT_LATENCY]
                """;
        Response submitted = owner.post("/policy/editor", "base", active, "path", "rules/40-cautions.drl",
                "content", as(POLICY_OWNER).when().get("/api/rulesets/" + active + "/source").then().extract()
                        .path("files.'rules/40-cautions.drl'"),
                "newPath", "rules/60-batch.drl", "newContent", rule.replace("\n", "\r\n"),
                "note", "Batch prompts get the latency caution too.");
        assertThat(submitted.statusCode()).as(submitted.asString()).isEqualTo(303);
        Matcher refused = EDITOR_REFUSED.matcher(submitted.header("Location"));
        assertThat(refused.find()).as(submitted.header("Location")).isTrue();
        String version = refused.group(1);
        String marked = owner.page("/policy/editor?base=" + version + "&refused=true", 200);
        assertThat(marked).contains("id=\"message\"").contains("refused")
                .contains("data-path=\"rules/60-batch.drl\"")
                .containsPattern("<li class=\"error\" data-line=\"8\" data-column=\"\\d+\" data-severity=\"error\" data-message=\"unknown name &#39;colour&#39;[^\"]*\">rules/60-batch\\.drl:8:\\d+: unknown name");
        // the note travelled with the version
        assertThat(owner.page("/policy/versions/" + version, 200)).contains("Batch prompts get the latency caution too.");

        // two files in one candidate: the rule fixed, its golden case with a typo the schema finds at its line
        Response second = owner.post("/policy/editor", "base", version, "path", "rules/60-batch.drl",
                "content", rule.replace("colour == \"batch\"", "text == \"batch\""), "newPath", "test-cases/batch-prompt.yaml",
                "newContent", badCase);
        assertThat(second.statusCode()).as(second.asString()).isEqualTo(303);
        Matcher again = EDITOR_REFUSED.matcher(second.header("Location"));
        assertThat(again.find()).as(second.header("Location")).isTrue();
        String schemaMarked = owner.page("/policy/editor?base=" + again.group(1) + "&refused=true", 200);
        assertThat(schemaMarked).contains("data-line=\"4\" data-column=\"3\" data-severity=\"error\" data-message=\"expect: unknown key &#39;presnet&#39;\"");

        // nothing changed: nothing submitted
        Response unchanged = owner.post("/policy/editor", "base", active);
        assertThat(unchanged.statusCode()).isEqualTo(400);
        assertThat(unchanged.asString()).contains("Nothing was changed");
        assertThat(activeVersion()).isEqualTo(active);
    }

    @Test
    void twoVersionsCompareFileByFileAndInWordsForPolicyOwnersAndAuditors() {
        String active = activeVersion();
        String parameters = as(POLICY_OWNER).when().get("/api/rulesets/" + active + "/source").then().extract()
                .path("files.'rules/parameters.yaml'");
        String version = as(POLICY_OWNER).contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("rules/parameters.yaml", parameters.replace("value: 1500", "value: 1400")),
                        "note", "Try a lower threshold."))
                .when().post("/api/rulesets").then().statusCode(201).extract().path("version");
        String page = PageSession.as(POLICY_OWNER).page("/policy/versions/" + version + "/diff", 200);
        assertThat(page).contains("parameters.yaml: long_prompt_tokens › value: 1500 → 1400")
                .contains("Try a lower threshold.")
                .containsPattern("<tr class=\"removed\"><td class=\"num\">\\d+</td><td class=\"num\"></td><td class=\"sign\" aria-label=\"removed\">-</td><td class=\"code\">    value: 1500</td></tr>")
                .containsPattern("<tr class=\"added\"><td class=\"num\"></td><td class=\"num\">\\d+</td><td class=\"sign\" aria-label=\"added\">\\+</td><td class=\"code\">    value: 1400</td></tr>")
                .contains("formaction=\"/policy/versions/" + version + "/impact-job\"");
        String audit = PageSession.as(AUDITOR).page("/audit/rulesets/" + version + "/diff?against=" + active, 200);
        assertThat(audit).contains("parameters.yaml: long_prompt_tokens › value: 1500 → 1400").doesNotContain("impact-job");
        PageSession.as(PRESALES).page("/policy/versions/" + version + "/diff", 403);
    }

    @Test
    void aQuestionnaireTriedOnACandidateShowsBothResultsAndBecomesAGoldenCase() {
        String active = activeVersion();
        String parameters = as(POLICY_OWNER).when().get("/api/rulesets/" + active + "/source").then().extract()
                .path("files.'rules/parameters.yaml'");
        String version = as(POLICY_OWNER).contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("rules/parameters.yaml", parameters.replace("value: 1500", "value: 1250"))))
                .when().post("/api/rulesets").then().extract().path("version");
        PageSession owner = PageSession.as(POLICY_OWNER);
        assertThat(owner.page("/policy/versions/" + version + "/try", 200)).contains("id=\"try-form\"").contains("name=\"system_prompt_tokens\"");
        Response tried = owner.post("/policy/versions/" + version + "/try", "interaction_mode", "interactive", "system_prompt_tokens", "1300");
        assertThat(tried.statusCode()).isEqualTo(200);
        String result = tried.asString();
        assertThat(result).contains("id=\"candidate-side\"").contains("id=\"active-side\"")
                .contains("Only this version recommends <strong>LONG_PROMPT_LATENCY</strong>")
                .containsPattern("<li data-code=\"LONG_PROMPT_LATENCY\" class=\"only-here\">")
                .contains("by rule <code>caution-long-prompt-latency</code>")
                .contains("system_prompt_tokens = 1300");

        Response saved = owner.post("/policy/versions/" + version + "/golden-case", "answers",
                "{\"interaction_mode\":\"interactive\",\"system_prompt_tokens\":1300}", "name", "latency-at-1300-tokens",
                "description", "A 1,300-token prompt gets the latency caution.", "note", "");
        assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(303);
        Matcher m = SUBMITTED.matcher(saved.header("Location"));
        assertThat(m.find()).isTrue();
        String withCase = m.group(1);
        String source = as(POLICY_OWNER).when().get("/api/rulesets/" + withCase + "/source").then().statusCode(200).extract()
                .path("files.'test-cases/latency-at-1300-tokens.yaml'");
        assertThat(source).startsWith("# yaml-language-server: $schema=../src/main/resources/schemas/golden-case.schema.json\n")
                .contains("description: \"A 1,300-token prompt gets the latency caution.\"")
                .contains("  system_prompt_tokens: 1300\n").contains("present: [").contains("LONG_PROMPT_LATENCY");
        assertThat(as(POLICY_OWNER).when().get("/api/rulesets/" + withCase).then().extract().jsonPath().getString("notes[0].note"))
                .isEqualTo("Golden case latency-at-1300-tokens, saved from the test bench.");

        // a name that is taken is refused on the page, answers kept
        Response taken = owner.post("/policy/versions/" + withCase + "/golden-case", "answers",
                "{\"interaction_mode\":\"interactive\",\"system_prompt_tokens\":1300}", "name", "latency-at-1300-tokens",
                "description", "again");
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(taken.asString()).contains("id=\"save-errors\"").contains("already has a golden case");
    }

    @Test
    void anImpactAnalysisRunsInTheBackgroundWithAProgressPageThatRefreshesItself() throws Exception {
        PageSession owner = PageSession.as(POLICY_OWNER);
        String active = activeVersion();
        Response started = owner.post("/policy/versions/" + active + "/impact-job", "from", "", "to", "");
        assertThat(started.statusCode()).isEqualTo(303);
        String page = started.header("Location");
        assertThat(page).matches(".*/policy/jobs/[0-9a-f-]{36}$");
        String path = page.substring(page.indexOf("/policy/jobs/"));
        String running = owner.page(path, 200);
        if (!running.contains("data-job-state=\"succeeded\"")) {
            assertThat(running).contains("<noscript><meta http-equiv=\"refresh\" content=\"3\"></noscript>")
                    .contains("<script src=\"/static/progress.js\" defer></script>");
        }
        assertThat(running).contains("<progress id=\"job-progress\"");
        String finished = running;
        for (int i = 0; i < 1200 && !finished.contains("data-job-state=\"succeeded\""); i++) {
            Thread.sleep(200);
            finished = owner.page(path, 200);
        }
        assertThat(finished).contains("data-job-state=\"succeeded\"").contains("id=\"result-replayed\"")
                .doesNotContain("http-equiv=\"refresh\"");
        assertThat(owner.request().get(path + "/status").then().statusCode(200).extract().jsonPath().getBoolean("finished")).isTrue();
        assertThat(owner.page(path + "/result", 200)).contains("id=\"impact-result\"");
        assertThat(owner.page("/policy/versions/" + active, 200)).contains("id=\"impact-jobs\"").contains(path);
        PageSession auditor = PageSession.as(AUDITOR);
        assertThat(auditor.page(path.replace("/policy/", "/audit/"), 200)).contains("id=\"job-result\"").doesNotContain("id=\"cancel-job\"");
    }

    @Test
    void theSchemasAreServedWithoutALogin() {
        for (String name : java.util.List.of("questionnaire.schema.json", "recommendations.schema.json",
                "parameters.schema.json", "invariants.schema.json", "golden-case.schema.json")) {
            Response schema = RestAssured.given().redirects().follow(false).when().get("/schemas/" + name);
            assertThat(schema.statusCode()).isEqualTo(200);
            assertThat(schema.contentType()).startsWith("application/schema+json");
            assertThat(schema.jsonPath().getString("'$schema'")).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        }
        RestAssured.given().redirects().follow(false).when().get("/schemas/secrets.json").then().statusCode(404);
    }

    static String activeVersion() {
        return as(PRESALES).when().get("/api/rulesets/active").then().statusCode(200).extract().path("version");
    }
}

package io.triage.web.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.triage.testing.PageSession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/** The auditor's pages, driven as a browser would: form login, cookies, CSRF token from the page. */
@QuarkusTest
class AuditPagesTest {

    private static final String LORA_CASE = """
            {"answers": {"task_type": "classification", "format_consistency_critical": true,
                         "monthly_calls": 1000000, "model_hosting": "provider_api"}}""";

    private static String decide(String account, String body) {
        return as(account).contentType(ContentType.JSON).body(body).when().post("/api/decisions")
                .then().statusCode(201).extract().path("id");
    }

    /** A presales account of its own, so filtering by user finds exactly its decisions. */
    private static Map.Entry<String, String> newPresales() {
        String name = "sales-" + UUID.randomUUID().toString().substring(0, 8);
        String password = as(ADMIN).contentType(ContentType.JSON).body(Map.of("name", name, "roles", List.of(PRESALES)))
                .when().post("/api/accounts").then().statusCode(201).extract().path("password");
        return Map.entry(name, password);
    }

    @Test
    void theListShowsANewDecisionAndFiltersByCodeAndUser() {
        Map.Entry<String, String> seller = newPresales();
        String lora = io.restassured.RestAssured.given().auth().preemptive().basic(seller.getKey(), seller.getValue())
                .contentType(ContentType.JSON).body(LORA_CASE).when().post("/api/decisions")
                .then().statusCode(201).extract().path("id");
        String other = decide(PRESALES, "{\"answers\": {\"task_type\": \"summarization\"}}");
        PageSession auditor = PageSession.as(AUDITOR);

        String all = auditor.get("/audit").then().statusCode(200).extract().asString();
        assertThat(all).contains("id=\"decisions\"").contains("/audit/decisions/" + other);

        String byUser = auditor.get("/audit?user=" + seller.getKey()).then().statusCode(200).extract().asString();
        assertThat(byUser).contains("/audit/decisions/" + lora).doesNotContain("/audit/decisions/" + other);

        String byCode = auditor.get("/audit?code=FINE_TUNE_LORA&user=" + seller.getKey()).then().statusCode(200).extract().asString();
        assertThat(byCode).contains("/audit/decisions/" + lora).contains("<option value=\"FINE_TUNE_LORA\" selected>");
        String noMatch = auditor.get("/audit?code=RAG&user=" + seller.getKey()).then().statusCode(200).extract().asString();
        assertThat(noMatch).doesNotContain("/audit/decisions/" + lora).contains("id=\"no-decisions\"");
    }

    @Test
    void olderLinkKeepsTheFiltersAndPagesByCursor() {
        Map.Entry<String, String> seller = newPresales();
        for (int i = 0; i < 21; i++) {
            io.restassured.RestAssured.given().auth().preemptive().basic(seller.getKey(), seller.getValue())
                    .contentType(ContentType.JSON).body("{\"answers\": {\"task_type\": \"summarization\"}}")
                    .when().post("/api/decisions").then().statusCode(201);
        }
        PageSession auditor = PageSession.as(AUDITOR);
        String first = auditor.get("/audit?user=" + seller.getKey()).then().statusCode(200).extract().asString();
        assertThat(rows(first)).isEqualTo(20);
        java.util.regex.Matcher older = java.util.regex.Pattern.compile("id=\"older\" href=\"([^\"]+)\"").matcher(first);
        assertThat(older.find()).isTrue();
        String href = older.group(1).replace("&amp;", "&");
        assertThat(href).contains("user=" + seller.getKey()).contains("before=");
        String second = auditor.get(href).then().statusCode(200).extract().asString();
        assertThat(rows(second)).isEqualTo(1);
        assertThat(second).doesNotContain("id=\"older\"");
    }

    @Test
    void anInvalidDateShowsItsMessageNextToTheFieldAndNoList() {
        PageSession auditor = PageSession.as(AUDITOR);
        String page = auditor.get("/audit?from=yesterday&to=2026-11-30").then().statusCode(400).extract().asString();
        assertThat(page).contains("id=\"from-error\"").contains("&#39;yesterday&#39; is not a date")
                .contains("value=\"yesterday\"").doesNotContain("id=\"decisions\"").doesNotContain("id=\"to-error\"");
    }

    @Test
    void theDetailShowsTraceRowsBothHashesAndReplayMatches() {
        String id = decide(PRESALES, LORA_CASE);
        JsonPath api = as(AUDITOR).when().get("/api/decisions/" + id).then().statusCode(200).extract().jsonPath();
        PageSession auditor = PageSession.as(AUDITOR);

        String detail = auditor.get("/audit/decisions/" + id).then().statusCode(200).extract().asString();
        assertThat(detail).contains("id=\"record-hash\">" + api.getString("recordHash") + "<")
                .contains("id=\"previous-hash\">" + api.getString("previousHash") + "<")
                .contains("id=\"trace\"").contains("<code>cost-estimate</code>").contains("<code>strategy-fine-tune-lora</code>")
                .contains("id=\"answers\"").contains("id=\"replay\"").contains("id=\"export\"");
        assertThat(traceRows(detail)).isEqualTo(api.getList("trace").size());

        String replayed = auditor.post("/audit/decisions/" + id + "/replay", "ruleset", "").then().statusCode(200).extract().asString();
        assertThat(replayed).containsPattern("class=\"alert ok\" role=\"status\" id=\"replay-result\">\\s*<p><strong>The replay matches");
        String onActive = auditor.post("/audit/decisions/" + id + "/replay", "ruleset", "active").then().statusCode(200).extract().asString();
        assertThat(onActive).contains("id=\"replay-result\"").contains("matches");

        String bad = auditor.post("/audit/decisions/" + id + "/replay", "ruleset", "latest").then().statusCode(400).extract().asString();
        assertThat(bad).contains("id=\"ruleset-error\"").contains("&#39;latest&#39; is not a rule-set version").doesNotContain("id=\"replay-result\"");
    }

    @Test
    void theDetailExplainsTheDecisionAsThePresalesResultDoes() {
        String id = decide(PRESALES, LORA_CASE);
        String auditorPage = PageSession.as(AUDITOR).get("/audit/decisions/" + id).then().statusCode(200).extract().asString();
        String presalesPage = PageSession.as(PRESALES).get("/triage/decisions/" + id).then().statusCode(200).extract().asString();
        // the volume below which LoRA stops paying, found on the decision's own version, as the API gives it
        assertThat(auditorPage).contains("id=\"what-would-change\"").contains("data-code=\"FINE_TUNE_LORA\"")
                .contains("data-question=\"monthly_calls\"").contains("id=\"ask-next\"").doesNotContain("id=\"explain-problem\"");
        assertThat(section(auditorPage, "what-would-change")).isEqualTo(section(presalesPage, "what-would-change"));
        assertThat(section(auditorPage, "ask-next")).isEqualTo(section(presalesPage, "ask-next"));
    }

    private static String section(String page, String id) {
        int start = page.indexOf("<section id=\"" + id + "\"");
        assertThat(start).as("section #" + id).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    @Test
    void aWhatIfReplayOnAnotherVersionListsEveryDifference() throws Exception {
        // a candidate (never activated) that warns about latency from 1,200 prompt tokens instead of 1,500
        String parameters = java.nio.file.Files.readString(java.nio.file.Path.of("rules/parameters.yaml"));
        assertThat(parameters).contains("value: 1500");
        String version = as(POLICY_OWNER).contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("rules/parameters.yaml", parameters.replace("value: 1500", "value: 1200"))))
                .when().post("/api/rulesets").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("version");
        String id = decide(PRESALES, "{\"answers\": {\"interaction_mode\": \"interactive\", \"system_prompt_tokens\": 1300}}");
        PageSession auditor = PageSession.as(AUDITOR);
        auditor.get("/audit/decisions/" + id).then().statusCode(200);

        String page = auditor.post("/audit/decisions/" + id + "/replay", "ruleset", version).then().statusCode(200).extract().asString();
        assertThat(page).containsPattern("class=\"alert error\" role=\"alert\" id=\"replay-result\"")
                .contains("does not match").contains(version)
                .contains("Codes added: <span class=\"tag\">LONG_PROMPT_LATENCY</span>")
                .contains("id=\"replay-differences\"").contains("<code>recommendations");
    }

    @Test
    void anUnknownDecisionIsAnHtmlNotFoundPage() {
        PageSession auditor = PageSession.as(AUDITOR);
        auditor.get("/audit/decisions/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType(org.hamcrest.Matchers.startsWith("text/html"));
    }

    @Test
    void exportIsTheSameBundleAsTheApiExport() {
        String id = decide(PRESALES, LORA_CASE);
        PageSession auditor = PageSession.as(AUDITOR);
        Response page = auditor.get("/audit/decisions/" + id + "/export");
        page.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/json"))
                .header("Content-Disposition", "attachment; filename=\"decision-" + id + ".json\"");
        String api = as(AUDITOR).when().get("/api/decisions/" + id + "/export").then().statusCode(200).extract().asString();
        // the bundles differ only in when they were exported
        assertThat(withoutExportTime(page.asString())).isEqualTo(withoutExportTime(api));
        assertThat(page.jsonPath().getString("decision.record.id")).isEqualTo(id);
    }

    @Test
    void chainVerificationShowsIntactWithRecordCountAndHead() {
        decide(PRESALES, LORA_CASE);
        PageSession auditor = PageSession.as(AUDITOR);
        auditor.get("/audit").then().statusCode(200);
        JsonPath chain = as(AUDITOR).when().get("/api/audit/chain").then().statusCode(200).extract().jsonPath();
        String page = auditor.post("/audit/chain").then().statusCode(200).extract().asString();
        assertThat(page).containsPattern("class=\"alert ok\" role=\"status\" id=\"chain-status\"")
                .contains("The chain is intact").contains(chain.getString("headHash"));
    }

    @jakarta.inject.Inject
    io.triage.store.Database database;

    /** A lookup column changed behind the service's back (and put back afterwards) breaks the chain at that record. */
    @Test
    void aBrokenChainNamesTheFirstBadRecordAndTheProblem() throws Exception {
        String id = decide(PRESALES, LORA_CASE);
        PageSession auditor = PageSession.as(AUDITOR);
        auditor.get("/audit").then().statusCode(200);
        try (java.sql.Connection c = database.dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER decisions_append_only");
            try {
                s.executeUpdate("UPDATE decisions SET submitted_by = 'mallory' WHERE id = '" + id + "'");
                String page = auditor.post("/audit/chain").then().statusCode(200).extract().asString();
                assertThat(page).containsPattern("class=\"alert error\" role=\"alert\" id=\"chain-status\"")
                        .contains("The chain is broken").contains("href=\"/audit/decisions/" + id + "\"")
                        .contains("submitted_by");
            } finally {
                s.executeUpdate("UPDATE decisions SET submitted_by = '" + PRESALES + "' WHERE id = '" + id + "'");
                s.execute("CREATE TRIGGER decisions_append_only BEFORE UPDATE, DELETE ON decisions"
                        + " FOR EACH ROW CALL 'io.triage.store.AppendOnlyTrigger'");
            }
        }
        assertThat(auditor.post("/audit/chain").asString()).contains("The chain is intact");
    }

    @Test
    void replayAllShowsTheSummary() {
        decide(PRESALES, LORA_CASE);
        PageSession auditor = PageSession.as(AUDITOR);
        auditor.get("/audit").then().statusCode(200);
        String page = auditor.post("/audit/replay").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"replay-all-result\"").contains("0 do not");
    }

    @Test
    void ruleSetHistoryListsVersionsActivationsAndSources() {
        String version = as(AUDITOR).when().get("/api/rulesets/active").then().statusCode(200).extract().path("version");
        PageSession auditor = PageSession.as(AUDITOR);
        String history = auditor.get("/audit/rulesets").then().statusCode(200).extract().asString();
        assertThat(history).contains("id=\"versions\"").contains("id=\"activations\"")
                .contains("href=\"/audit/rulesets/" + version + "\"").contains("tag active");
        String sources = auditor.get("/audit/rulesets/" + version).then().statusCode(200).extract().asString();
        assertThat(sources).contains("id=\"files\"").contains("rules/questionnaire.yaml").contains("class=\"source\"");
        auditor.get("/audit/rulesets/sha256:" + "0".repeat(64)).then().statusCode(404);
    }

    @Test
    void theAccessLogShowsLogins() {
        PageSession auditor = PageSession.as(AUDITOR);
        String page = auditor.get("/audit/access").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"access-log\"").contains("<td>login</td>");
    }

    @Test
    void onlyAuditorsSeeTheAuditPages() {
        PageSession presales = PageSession.as(PRESALES);
        presales.get("/audit").then().statusCode(403);
        presales.get("/audit/rulesets").then().statusCode(403);
        presales.get("/audit/access").then().statusCode(403);
        PageSession.as(ADMIN).get("/audit").then().statusCode(403);
        io.restassured.RestAssured.given().redirects().follow(false).when().get("/audit").then().statusCode(302);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        PageSession auditor = PageSession.as(AUDITOR);
        auditor.get("/audit").then().statusCode(200);
        auditor.postWithoutToken("/audit/chain").then().statusCode(403);
    }

    private static int rows(String page) {
        String body = page.substring(page.indexOf("id=\"decisions\""));
        body = body.substring(body.indexOf("<tbody>"), body.indexOf("</tbody>"));
        return body.split("<tr>", -1).length - 1;
    }

    private static int traceRows(String page) {
        String body = page.substring(page.indexOf("id=\"trace\""));
        body = body.substring(body.indexOf("<tbody>"), body.indexOf("</tbody>"));
        return body.split("<tr>", -1).length - 1;
    }

    private static String withoutExportTime(String bundle) {
        return bundle.replaceFirst("\"exportedAt\":\"[^\"]+\"", "");
    }
}

package io.triage.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.triage.testing.Accounts;
import io.triage.testing.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.util.Map;

import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/** An auditor in a real browser: finds a decision, reads its trace and hashes, replays it and sees that it matches. */
@QuarkusTest
class AuditorInBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL base;

    @Test
    void replaysADecisionAndSeesThatItMatches() {
        String id = as("presales").contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("must_know_org_content", true, "monthly_calls", 20000)))
                .when().post("/api/decisions").then().statusCode(201).extract().path("id");
        String recordHash = as("auditor").when().get("/api/decisions/" + id).then().extract().path("recordHash");

        browser.logIn(base.toString(), "auditor", Accounts.password("auditor"));
        browser.open(base + "audit?code=RAG&user=presales");
        browser.clickAndWait("#decisions a[href$='" + id + "']");

        assertThat(browser.find("body").getText()).contains(recordHash);
        assertThat(browser.findAll("#trace tbody tr")).isNotEmpty();
        assertThat(browser.find("#rec-RAG").getText()).contains("strategy-rag");

        browser.clickAndWait("#replay");
        assertThat(browser.find("#replay-result").getText()).contains("matches");
        assertThat(browser.find("#replay-result").getAttribute("class")).contains("ok");
        Browser.saveScreenshot(browser.driver(), "auditor-replay");
    }
}

package io.triage.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.triage.testing.Accounts;
import io.triage.testing.Browser;
import io.triage.testing.DateQuestionRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.util.Map;

import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A date question in a real browser: the test questionnaire's date questions
 * ({@code src/test/resources/date-question/}) are added to a candidate rule set, activated for the
 * test and the previous version activated again after it. The form draws the date type's fragment,
 * the browser's date field sends the date, and the decision stores it as written.
 */
@QuarkusTest
class DateQuestionInBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL base;

    private String previous;

    /** The same files make the same version: uploaded once (201), then found again (200). */
    @BeforeEach
    void activateTheDateQuestions() {
        previous = as("policy-owner").when().get("/api/rulesets/active").then().extract().path("version");
        String version = as("policy-owner").contentType(ContentType.JSON)
                .body(Map.of("files", DateQuestionRules.changedFiles()))
                .when().post("/api/rulesets").then().log().ifValidationFails().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).body("passed", org.hamcrest.Matchers.equalTo(true))
                .extract().path("version");
        as("policy-owner").contentType(ContentType.JSON).when().post("/api/rulesets/" + version + "/activate").then().statusCode(200);
    }

    @AfterEach
    void activateThePreviousVersion() {
        as("policy-owner").contentType(ContentType.JSON).when().post("/api/rulesets/" + previous + "/activate").then().statusCode(200);
    }

    @Test
    void aDatePickedInTheFormIsStoredAsWrittenAndDrivesTheRule() {
        browser.logIn(base.toString(), "presales", Accounts.password("presales"));
        browser.open(base + "triage");
        WebElement goLive = browser.find("#go_live_date");
        assertThat(goLive.getAttribute("type")).isEqualTo("date");
        assertThat(goLive.getAttribute("min")).isEqualTo("2024-01-01");
        assertThat(goLive.getAttribute("max")).isEqualTo("2030-12-31");
        assertThat(browser.find("#field-go_live_date label").getText()).isEqualTo("When should the deployment go live?");
        assertThat(browser.find("#field-go_live_date .hint").getText()).isEqualTo("a date from 2024-01-01 to 2030-12-31");
        assertThat(browser.find("#contract_signed_on-default").getText()).isEqualTo("Default if left empty: 2025-01-15");

        pick(goLive, "2026-03-31");
        assertThat(goLive.getAttribute("value")).isEqualTo("2026-03-31");
        browser.clickAndWait("#questionnaire button[type=submit]");

        assertThat(browser.driver().getCurrentUrl()).contains("/triage/decisions/");
        assertThat(browser.find("#rec-PILOT_BEFORE_GO_LIVE").getText()).contains("Run a pilot before going live");
        String id = browser.find("#decision-id").getText();
        as("presales").when().get("/api/decisions/" + id).then().statusCode(200)
                .body("answers.go_live_date", org.hamcrest.Matchers.equalTo("2026-03-31"))
                .body("answers.contract_signed_on", org.hamcrest.Matchers.equalTo("2025-01-15"));
    }

    @Test
    void aDateOutsideTheRangeIsShownInlineAndKeptInTheField() {
        browser.logIn(base.toString(), "presales", Accounts.password("presales"));
        browser.open(base + "triage");
        pick(browser.find("#go_live_date"), "2031-01-01");
        browser.clickAndWait("#questionnaire button[type=submit]");

        assertThat(browser.find("#go_live_date-error").getText())
                .isEqualTo("'2031-01-01' is outside the allowed range 2024-01-01 to 2030-12-31");
        assertThat(browser.find("#field-go_live_date").getAttribute("class")).contains("invalid");
        assertThat(browser.find("#go_live_date").getAttribute("value")).isEqualTo("2031-01-01");
        assertThat(browser.find("#form-errors").getText()).contains("nothing was stored");
    }

    @Test
    void theTestBenchDrawsADateFieldAndKeepsTheDateTried() {
        String version = as("policy-owner").when().get("/api/rulesets/active").then().extract().path("version");
        browser.logIn(base.toString(), "policy-owner", Accounts.password("policy-owner"));
        browser.open(base + "policy/versions/" + version + "/try");
        WebElement goLive = browser.find("#try-form #go_live_date");
        assertThat(goLive.getAttribute("type")).isEqualTo("date");
        assertThat(goLive.getAttribute("min")).isEqualTo("2024-01-01");

        pick(goLive, "2026-03-31");
        browser.clickAndWait("#try-run");
        assertThat(browser.find("#try-form #go_live_date").getAttribute("value")).isEqualTo("2026-03-31");
        assertThat(browser.find("#candidate-side").getText()).contains("PILOT_BEFORE_GO_LIVE");
    }

    /** Sets the date as the browser's date picker does: its value is always YYYY-MM-DD, whatever the locale shows. */
    private static void pick(WebElement field, String date) {
        ((JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", field, date);
    }
}

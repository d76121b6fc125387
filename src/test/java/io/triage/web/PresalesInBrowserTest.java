package io.triage.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.triage.testing.Accounts;
import io.triage.testing.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/** A presales user in a real browser: the form, the result with its reasons and chart, bad input, a new question. */
@QuarkusTest
class PresalesInBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL base;

    @Test
    void fillsTheFormAndSeesTheStrategyEvidenceAndCostChart() {
        browser.logIn(base.toString(), "presales", Accounts.password("presales"));
        browser.open(base + "triage");
        new Select(browser.find("#task_type")).selectByValue("classification");
        browser.find("#format_consistency_critical").click();   // "Yes"
        browser.find("#monthly_calls").sendKeys("1,000,000");
        new Select(browser.find("#model_hosting")).selectByValue("provider_api");
        browser.clickAndWait("#questionnaire button[type=submit]");

        assertThat(browser.driver().getCurrentUrl()).contains("/triage/decisions/");
        WebElement lora = browser.find("#rec-FINE_TUNE_LORA");
        String loraTitle = lora.findElement(org.openqa.selenium.By.tagName("h3")).getText().trim();
        assertThat(browser.find("#strategy").getText()).isEqualTo("Strategy: " + loraTitle + ".");
        assertThat(lora.getText()).contains("strategy-fine-tune-lora");
        // the why-tree shows the direct reasons; what a term rests on opens on demand: open it all
        WebElement monthlyCalls = lora.findElement(org.openqa.selenium.By.cssSelector("li[data-question=monthly_calls]"));
        assertThat(monthlyCalls.isDisplayed()).as("behind a term, closed at first").isFalse();
        for (WebElement summary : lora.findElements(org.openqa.selenium.By.cssSelector("details > summary"))) {
            if (summary.isDisplayed() && summary.findElement(org.openqa.selenium.By.xpath("..")).getAttribute("open") == null) {
                summary.click();
            }
        }
        // each answer once in the item, however many terms rest on it
        assertThat(lora.findElements(org.openqa.selenium.By.cssSelector("li[data-question=monthly_calls]")))
                .singleElement().extracting(WebElement::getText).asString().contains("1,000,000");
        assertThat(lora.findElements(org.openqa.selenium.By.cssSelector("li[data-question=task_type]"))).hasSize(1);

        WebElement chart = browser.find("svg#cost-chart");
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(browser.findAll("svg#cost-chart polyline")).hasSize(2);
        assertThat(browser.find("svg#cost-chart #break-even text").getText()).isEqualTo("break-even after 0.1 months");
        assertThat(browser.find("#cost-figures").getText()).contains("$5,000.00").contains("$3,500.00");

        // the page says which decision and rule set it is, and the decision is the stored one
        String id = browser.find("#decision-id").getText();
        as("presales").when().get("/api/decisions/" + id).then().statusCode(200)
                .body("rulesetVersion", org.hamcrest.Matchers.equalTo(browser.find("#ruleset-version").getText()));
        Browser.saveScreenshot(browser.driver(), "presales-result");

        // and it is listed under "My decisions", newest first, and reopens
        browser.open(base + "triage/decisions");
        browser.clickAndWait("#my-decisions tbody tr:first-child a");
        assertThat(browser.find("#decision-id").getText()).isEqualTo(id);
    }

    @Test
    void anInvalidAnswerIsShownInlineKeepsTheAnswersAndStoresNothing() {
        long before = storedDecisions();
        browser.logIn(base.toString(), "presales", Accounts.password("presales"));
        browser.open(base + "triage");
        new Select(browser.find("#task_type")).selectByValue("extraction");
        browser.find("#monthly_calls").sendKeys("lots");
        browser.clickAndWait("#questionnaire button[type=submit]");

        assertThat(browser.find("#monthly_calls-error").getText()).isEqualTo("expected a number, got 'lots'");
        assertThat(browser.find("#field-monthly_calls").getAttribute("class")).contains("invalid");
        assertThat(browser.find("#monthly_calls").getAttribute("value")).isEqualTo("lots");
        assertThat(new Select(browser.find("#task_type")).getFirstSelectedOption().getAttribute("value")).isEqualTo("extraction");
        assertThat(browser.find("#form-errors").getText()).contains("nothing was stored");
        Browser.saveScreenshot(browser.driver(), "presales-invalid-answer");
        assertThat(storedDecisions()).isEqualTo(before);
    }

    @Test
    void aQuestionAddedToTheQuestionnaireDataAppearsInTheForm() throws Exception {
        String previous = as("policy-owner").when().get("/api/rulesets/active").then().extract().path("version");
        String questionnaire = Files.readString(Path.of("rules/questionnaire.yaml")) + """

                  - id: procurement
                    title: "Procurement"
                    questions:
                      - id: budget_approved
                        type: yes_no
                        label: "Is the budget for the deployment approved?"
                        help: "Without an approved budget, start with a small pilot."
                """;
        String version = as("policy-owner").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("rules/questionnaire.yaml", questionnaire)))
                .when().post("/api/rulesets").then().statusCode(201).body("passed", org.hamcrest.Matchers.equalTo(true))
                .extract().path("version");
        as("policy-owner").contentType(ContentType.JSON).when().post("/api/rulesets/" + version + "/activate").then().statusCode(200);
        try {
            browser.logIn(base.toString(), "presales", Accounts.password("presales"));
            browser.open(base + "triage");
            assertThat(browser.find("#section-procurement legend").getText()).isEqualTo("Procurement");
            assertThat(browser.find("#field-budget_approved legend").getText()).isEqualTo("Is the budget for the deployment approved?");
            assertThat(browser.find("#budget_approved-help").getText()).isEqualTo("Without an approved budget, start with a small pilot.");
            browser.find("#budget_approved-no").click();
            browser.clickAndWait("#questionnaire button[type=submit]");
            assertThat(browser.find("#answers tr[data-question=budget_approved]").getText()).contains("no");
        } finally {
            as("policy-owner").contentType(ContentType.JSON).when().post("/api/rulesets/" + previous + "/activate").then().statusCode(200);
        }
    }

    private static long storedDecisions() {
        return ((Number) as("auditor").when().get("/api/audit/chain").then().statusCode(200).extract().path("records")).longValue();
    }
}

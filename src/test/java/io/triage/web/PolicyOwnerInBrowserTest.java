package io.triage.web;

import io.restassured.http.ContentType;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.triage.testing.Accounts;
import io.triage.testing.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/** A policy owner in a real browser: a broken rule is refused at its line; a good change is activated, then rolled back. */
@QuarkusTest
class PolicyOwnerInBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL base;

    @Test
    void uploadsABrokenRuleSeesTheLineErrorThenAGoodOneAndActivatesIt() throws Exception {
        String before = activeVersion();
        browser.logIn(base.toString(), "policy-owner", Accounts.password("policy-owner"));

        // a rule with a syntax error on its 6th line
        upload("rules/60-broken.drl", """
                package rules;
                import io.triage.facts.Answer;

                rule "Broken on purpose"
                when
                    Answer(question == "task_type" text == "extraction")
                then
                end
                """);
        assertThat(browser.find("#report-status").getText().toLowerCase()).contains("refused");
        WebElement errorLine = browser.find(".source li.has-error");
        assertThat(errorLine.getText()).contains("Answer(question == \"task_type\" text == \"extraction\")");
        assertThat(errorLine.findElement(org.openqa.selenium.By.cssSelector(".line-error")).getText()).contains("rules/60-broken.drl:6");
        assertThat(activeVersion()).isEqualTo(before);
        Browser.saveScreenshot(browser.driver(), "policy-refused");

        // the threshold change with the golden case that describes the new policy
        browser.open(base + "policy/upload");
        upload("rules/parameters.yaml", Files.readString(Path.of("rules/parameters.yaml")).replace("value: 1500", "value: 1200"));
        assertThat(browser.find("#report-status").getText().toLowerCase()).contains("refused");   // a golden case says 1,499 stays quiet
        assertThat(browser.find("body").getText()).contains("no-long-prompt-latency-for-short-prompt");
        try {
            browser.open(base + "policy/upload");
            upload("test-cases/no-long-prompt-latency-for-short-prompt.yaml", """
                    description: A 1,199-token prompt stays under the threshold.
                    answers: { interaction_mode: interactive, system_prompt_tokens: 1199 }
                    expect:
                      absent: [LONG_PROMPT_LATENCY]
                    """);
            assertThat(browser.find("#report-status").getText().toLowerCase()).contains("passed");
            browser.clickAndWait("#activate");
            String candidate = browser.driver().getCurrentUrl().replaceAll(".*/policy/versions/([^/?#]+).*", "$1");
            browser.open(base + "policy");
            assertThat(browser.find("#active-version").getText()).contains(activeVersion()).doesNotContain(before);
            Browser.saveScreenshot(browser.driver(), "policy-activated");
            assertThat(candidate).isNotBlank();
        } finally {
            as("policy-owner").contentType(ContentType.JSON).when().post("/api/rulesets/" + before + "/activate").then().statusCode(200);
        }
    }

    private void upload(String path, String content) {
        if (!browser.driver().getCurrentUrl().contains("/policy/upload")) {
            browser.open(base + "policy/upload");
        }
        WebElement pathField = browser.find("#path");
        pathField.clear();
        pathField.sendKeys(path);
        WebElement contentField = browser.find("#content");
        contentField.clear();
        // sendKeys would let the browser auto-indent nothing here, but it is slow on long files: set the value directly
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", contentField, content);
        browser.clickAndWait("#upload-submit");
    }

    private static String activeVersion() {
        return as("policy-owner").when().get("/api/rulesets/active").then().statusCode(200).extract().path("version");
    }
}

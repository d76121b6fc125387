package io.triage.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.triage.testing.Accounts;
import io.triage.testing.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A policy owner at the workbench in a real Chromium, scripts on and the page's
 * Content-Security-Policy in force: fixes an error the editor marks at its line, compares two
 * versions, tries a questionnaire on the candidate and keeps it as a golden case, and activates
 * with a note.
 */
@QuarkusTest
class WorkbenchInBrowserTest {

    static final String RULE_LINE = "    Answer(question == \"system_prompt_tokens\", number >= $long)";
    static final String TYPO_LINE = "    Answer(question == \"system_prompt_tokens\", nomber >= $long)";
    static final String FIXED_LINE = RULE_LINE;

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL base;

    @Test
    void aPolicyOwnerFixesAMarkedErrorComparesTriesSavesACaseAndActivatesWithANote() throws Exception {
        String before = activeVersion();
        // a candidate with a lower threshold, a mistyped name in a condition and a reworded text
        String cautions = Files.readString(Path.of("rules/40-cautions.drl"));
        int typoLine = cautions.lines().toList().indexOf(RULE_LINE) + 1;
        assertThat(typoLine).as("the latency rule's condition in rules/40-cautions.drl").isPositive();
        String parameters = Files.readString(Path.of("rules/parameters.yaml"));
        String recommendations = Files.readString(Path.of("rules/recommendations.yaml"));
        String broken = as(POLICY_OWNER).contentType(ContentType.JSON).body(Map.of("files", Map.of(
                        "rules/40-cautions.drl", cautions.replace(RULE_LINE, TYPO_LINE),
                        "rules/parameters.yaml", parameters.replace("value: 1500", "value: 1200"),
                        "rules/recommendations.yaml", recommendations.replace("Retrieval keeps answers current", "Retrieval keeps every answer current"),
                        "test-cases/no-long-prompt-latency-for-short-prompt.yaml", """
                                description: A 1,199-token prompt stays under the threshold.
                                answers: { interaction_mode: interactive, system_prompt_tokens: 1199 }
                                expect:
                                  absent: [LONG_PROMPT_LATENCY]
                                """), "note", "Warn about latency from 1,200 tokens."))
                .when().post("/api/rulesets").then().statusCode(422).extract().path("report.version");
        try {
            browser.logIn(base.toString(), POLICY_OWNER, Accounts.password(POLICY_OWNER));
            browser.consoleProblems();

            // 1. the editor marks the error at its line; the policy owner fixes it there
            browser.open(base + "policy/versions/" + broken);
            browser.clickAndWait("#open-editor");
            WebElement host = waitForEditor("rules/40-cautions.drl");
            SearchContext editor = host.getShadowRoot();
            assertThat(editor.findElements(By.cssSelector(".cm-lineNumbers .cm-gutterElement"))).hasSizeGreaterThan(20);
            assertThat(editor.findElements(By.cssSelector(".cm-lint-marker-error"))).hasSize(1);
            assertThat(editor.findElement(By.cssSelector(".cm-lintRange-error")).getText()).startsWith("nomber");
            assertThat(style(editor.findElement(By.cssSelector(".cm-gutters")), "display")).isEqualTo("flex");
            WebElement keyword = editor.findElements(By.cssSelector(".cm-line span")).stream()
                    .filter(s -> s.getText().equals("rule")).findFirst().orElseThrow();
            assertThat(style(keyword, "color")).as("keywords are highlighted").isNotEqualTo(style(editor.findElement(By.cssSelector(".cm-content")), "color"));
            assertThat(browser.find("#file-0").isDisplayed()).as("the text box is replaced by the editor").isFalse();
            assertThat((Long) ((JavascriptExecutor) browser.driver()).executeScript("return document.querySelectorAll('style').length"))
                    .as("CodeMirror's styles are not <style> elements, which the policy would refuse").isZero();
            assertThat(browser.consoleProblems()).as("nothing refused by the Content-Security-Policy").isEmpty();
            Browser.saveScreenshot(browser.driver(), "workbench-editor-marked");

            browser.find("li[data-line='" + typoLine + "']").click();
            // Home goes to the end of the indentation; select from there to the end of the line and type over it
            new Actions(browser.driver()).sendKeys(Keys.HOME).keyDown(Keys.SHIFT).sendKeys(Keys.END).keyUp(Keys.SHIFT)
                    .sendKeys(FIXED_LINE.strip()).perform();
            assertThat(editor.findElements(By.cssSelector(".cm-line")).get(typoLine - 1).getText()).isEqualTo(FIXED_LINE);
            browser.find("#note").sendKeys("Warn about latency from 1,200 tokens (fixed the typo).");
            browser.clickAndWait("#editor-submit");
            assertThat(browser.find("#report-status").getText()).contains("passed");
            String fixed = browser.find("#version").getText();
            assertThat(browser.find("#notes").getText()).contains("fixed the typo");

            // 2. compare it with the active version, then with the broken one
            browser.clickAndWait("#compare-link");
            assertThat(browser.find("#diff-words").getText()).contains("parameters.yaml: long_prompt_tokens › value: 1500 → 1200")
                    .contains("recommendations.yaml: RAG › rationale reworded");
            assertThat(browser.findAll("tr.added td.code")).extracting(WebElement::getText).contains("    value: 1200");
            new Select(browser.find("#against")).selectByValue(broken);
            browser.clickAndWait("#compare");
            assertThat(browser.find("#diff-against").getText()).isEqualTo(broken);
            assertThat(browser.findAll("tr.removed td.code")).extracting(WebElement::getText).containsExactly(TYPO_LINE);
            assertThat(browser.findAll("tr.added td.code")).extracting(WebElement::getText).containsExactly(FIXED_LINE);
            Browser.saveScreenshot(browser.driver(), "workbench-diff");

            // 3. try a questionnaire on it beside the active version, keep it as a golden case
            browser.open(base + "policy/versions/" + fixed);
            browser.clickAndWait("#try-link");
            new Select(browser.find("#interaction_mode")).selectByValue("interactive");
            browser.find("#system_prompt_tokens").sendKeys("1300");
            browser.clickAndWait("#try-run");
            assertThat(browser.find("#code-changes").getText()).contains("Only this version recommends LONG_PROMPT_LATENCY");
            assertThat(browser.find("#candidate-side li.only-here").getAttribute("data-code")).isEqualTo("LONG_PROMPT_LATENCY");
            assertThat(browser.find("#candidate-side .why-tree").getText()).contains("system_prompt_tokens = 1300");
            assertThat(browser.find("#active-side").getText()).doesNotContain("LONG_PROMPT_LATENCY");
            Browser.saveScreenshot(browser.driver(), "workbench-try");
            browser.find("#case-name").clear();
            browser.find("#case-name").sendKeys("latency-at-1300-tokens");
            browser.clickAndWait("#save-golden-case");
            assertThat(browser.find("#report-status").getText()).contains("passed");
            String withCase = browser.find("#version").getText();
            assertThat(withCase).isNotEqualTo(fixed);
            assertThat(browser.find("#files").getAttribute("textContent")).contains("test-cases/latency-at-1300-tokens.yaml");

            // 4. activate it with a note; the activation record shows it
            browser.find("#activation-note").sendKeys("Agreed with the presales leads on 3 March.");
            browser.clickAndWait("#activate");
            assertThat(browser.find("#message").getText()).contains("is now active");
            browser.open(base + "policy");
            assertThat(browser.find("#active-version").getText()).isEqualTo(withCase);
            assertThat(browser.find("#activations tbody tr").getText()).contains("Agreed with the presales leads on 3 March.");
            assertThat(browser.consoleProblems()).isEmpty();
            Browser.saveScreenshot(browser.driver(), "workbench-activated");
        } finally {
            as(POLICY_OWNER).contentType(ContentType.JSON).when().post("/api/rulesets/" + before + "/activate").then().statusCode(200);
        }
    }

    private static WebElement waitForEditor(String path) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector(".code-editor.ready"))
                .stream().filter(h -> path.equals(d.findElement(By.id(h.getAttribute("data-for"))).getAttribute("data-path")))
                .findFirst().orElse(null));
    }

    private static String style(WebElement element, String property) {
        return element.getCssValue(property);
    }

    private static String activeVersion() {
        return as(PRESALES).when().get("/api/rulesets/active").then().statusCode(200).extract().path("version");
    }

}

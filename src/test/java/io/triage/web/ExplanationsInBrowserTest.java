package io.triage.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.triage.testing.Accounts;
import io.triage.testing.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static io.triage.security.Roles.AUDITOR;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explanations as presales and reviewers see them in a real browser: the live preview beside the
 * form (served script, under the page's Content-Security-Policy, nothing stored), what would change
 * the advice and what to ask next on the result page, both printable views in Chromium's print
 * mode, and the policy map.
 */
@QuarkusTest
class ExplanationsInBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL base;

    private static int records() {
        return as(AUDITOR).when().get("/api/audit/chain").then().statusCode(200).extract().path("records");
    }

    private void fillLoraCase() {
        browser.open(base + "triage");
        new Select(browser.find("#task_type")).selectByValue("classification");
        browser.find("#format_consistency_critical").click();
        browser.find("#monthly_calls").sendKeys("1,000,000");
        new Select(browser.find("#model_hosting")).selectByValue("provider_api");
        browser.find("#says_train_own_model").click();
    }

    @Test
    void previewUpdatesBesideTheFormStoresNothingAndTheResultExplainsItself() {
        browser.logIn(base.toString(), "presales", Accounts.password("presales"));
        int before = records();
        fillLoraCase();
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(30));
        wait.until(d -> !browser.findAll("#preview [data-code=FINE_TUNE_LORA]").isEmpty());
        WebElement preview = browser.find("#preview");
        assertThat(preview.isDisplayed()).isTrue();
        assertThat(preview.getText()).contains("Preview: not stored");
        assertThat(records()).as("previews are never stored").isEqualTo(before);

        // a bad answer: the preview says what to fix, the form is untouched
        browser.find("#monthly_calls").clear();
        browser.find("#monthly_calls").sendKeys("lots");
        wait.until(d -> !browser.findAll("#preview #preview-errors").isEmpty());
        browser.find("#monthly_calls").clear();
        browser.find("#monthly_calls").sendKeys("1000000");
        browser.clickAndWait("#questionnaire button[type=submit]");
        assertThat(records()).isEqualTo(before + 1);

        WebElement changes = browser.find("#what-would-change");
        WebElement lora = changes.findElement(By.cssSelector("[data-code=FINE_TUNE_LORA]"));
        assertThat(lora.findElement(By.cssSelector("li[data-question=monthly_calls]")).getText())
                .contains("below 100,000").contains("no longer recommended");
        assertThat(browser.find("#ask-next").isDisplayed()).isTrue();
        // the why-tree: direct reasons shown, the chain behind a term on expansion
        WebElement tree = browser.find("#rec-FINE_TUNE_LORA .why-tree");
        assertThat(tree.findElements(By.cssSelector("details"))).isNotEmpty();
        assertThat(tree.findElement(By.cssSelector("details")).getAttribute("open")).isNull();
        Browser.saveScreenshot(browser.driver(), "explanations-result");
        String id = browser.find("#decision-id").getText();

        // for the buyer: no rule ids, no talk tracks, no navigation when printed
        browser.open(base + "triage/decisions/" + id + "/print/buyer");
        printMedia();
        String buyer = browser.find("#print-buyer-view").getText();
        assertThat(buyer).contains("Our recommendation").contains("What comes first");
        assertThat(buyer).doesNotContain("strategy-fine-tune-lora").doesNotContain("Instead of");
        assertThat(browser.findAll("[data-code^=TT_]")).isEmpty();
        assertThat(browser.find("header.site").isDisplayed()).as("navigation is not printed").isFalse();
        assertThat(browser.find("svg#cost-chart").isDisplayed()).isTrue();
        assertPrintsToPdf();

        // for presales: everything, talk tracks and rule ids included
        browser.open(base + "triage/decisions/" + id + "/print/presales");
        printMedia();
        String presales = browser.find("#print-presales-view").getText();
        assertThat(presales).contains("strategy-fine-tune-lora").contains("Instead of").contains("What would change the advice");
        assertThat(browser.findAll("[data-code^=TT_]")).isNotEmpty();
        assertThat(browser.find("header.site").isDisplayed()).isFalse();
        assertPrintsToPdf();
        Browser.saveScreenshot(browser.driver(), "explanations-print-presales");
    }

    @Test
    void policyMapListsSourcesWithTheirRulesAndCodes() {
        browser.logIn(base.toString(), "policy-owner", Accounts.password("policy-owner"));
        browser.open(base + "policy/map");
        WebElement cost = browser.find("section[data-source='Cost Structure']");
        assertThat(cost.findElements(By.cssSelector("tr[data-rule=strategy-fine-tune-lora]"))).hasSize(1);
        assertThat(cost.findElements(By.cssSelector("[data-code=FINE_TUNE_LORA]"))).isNotEmpty();
        assertThat(browser.findAll("section[data-source='(no source)']")).as("every shipped rule names its source").isEmpty();
        browser.logIn(base.toString(), "auditor", Accounts.password("auditor"));
        browser.open(base + "policy/map");
        assertThat(browser.findAll("section.policy-source")).isNotEmpty();
    }

    /** Chromium's print mode: print media rules apply, as they would on paper. */
    private void printMedia() {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    }

    private void assertPrintsToPdf() {
        Pdf pdf = ((PrintsPage) browser.driver()).print(new PrintOptions());
        byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
        assertThat(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(bytes.length).isGreaterThan(2000);
    }
}

package io.triage.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.triage.testing.PageSession;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/** Login and logout, CSRF, security headers and markup rules that hold for every page. */
@QuarkusTest
class WebSecurityTest {

    @Test
    void pagesSendTheSecurityHeadersAndNoInlineScriptOrStyle() {
        PageSession presales = PageSession.as("presales");
        for (String path : new String[] {"/", "/triage", "/triage/decisions", "/login"}) {
            Response page = presales.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            String csp = page.header("Content-Security-Policy");
            assertThat(csp).as(path).contains("script-src 'self'").contains("style-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
            String html = page.asString();
            // scripts only from the application's own files (the form's live preview), never inline
            assertThat(html).as(path).doesNotContainPattern("<script(?![^>]*\\ssrc=\"/static/)")
                    .doesNotContain(" style=").doesNotContain("onclick=");
        }
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPageWhichWorksWithoutLogin() {
        Response home = RestAssured.given().redirects().follow(false).get("/triage");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.header("Location")).endsWith("/login");
        RestAssured.given().get("/login").then().statusCode(200);
        RestAssured.given().get("/static/triage.css").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/css"));
    }

    @Test
    void aWrongPasswordReturnsToTheLoginPageWithAMessage() {
        Response login = PageSession.anonymous().submitLogin("presales", "not-the-password");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.header("Location")).contains("/login?error=true");
        assertThat(RestAssured.given().get("/login?error=true").asString()).contains("The name or the password is wrong.");
    }

    @Test
    void aLoginFormFromAnotherSiteIsRefused() {
        // login CSRF: another site posts its own credentials so the victim works in the attacker's account
        Response forged = RestAssured.given().redirects().follow(false)
                .formParam("j_username", "presales").formParam("j_password", io.triage.testing.Accounts.password("presales"))
                .post("/j_security_check");
        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(forged.header("Location")).isEqualTo("/login?expired=true");
        assertThat(forged.getDetailedCookies().get("triage-session")).isNull();
        assertThat(RestAssured.given().get("/login?expired=true").asString()).contains("The login form had expired");
    }

    @Test
    void afterLoginTheBrowserGoesBackToThePageItAskedFor() {
        PageSession browser = PageSession.anonymous();
        Response asked = browser.get("/triage/decisions?limit=5");
        assertThat(asked.statusCode()).isEqualTo(302);
        assertThat(asked.header("Location")).isEqualTo("/login");
        Response login = browser.submitLogin("presales", io.triage.testing.Accounts.password("presales"));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.header("Location")).isEqualTo("/triage/decisions?limit=5");
        assertThat(browser.get("/triage/decisions?limit=5").statusCode()).isEqualTo(200);
    }

    @Test
    void aReturnAddressOnAnotherSiteIsNotFollowed() {
        PageSession browser = PageSession.anonymous();
        browser.cookies().put("triage-return", "%2F%2Fevil.example%2Fphish");
        Response login = browser.submitLogin("presales", io.triage.testing.Accounts.password("presales"));
        assertThat(login.header("Location")).isEqualTo("/");
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefusedAndStoresNothing() {
        PageSession presales = PageSession.as("presales");
        long before = storedDecisions();
        Response forged = presales.request().contentType("application/x-www-form-urlencoded")
                .formParam("task_type", "classification").post("/triage");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.asString()).contains("this form cannot be accepted");
        Response wrongToken = presales.request().contentType("application/x-www-form-urlencoded")
                .formParam("task_type", "classification").formParam("csrf-token", "x".repeat(32)).post("/triage");
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(storedDecisions()).isEqualTo(before);

        // the same form with the page's token goes through
        Response real = presales.post("/triage", "task_type", "classification");
        assertThat(real.statusCode()).as(real.asString() + presales.cookies()).isEqualTo(303);
        assertThat(storedDecisions()).isEqualTo(before + 1);
    }

    @Test
    void aThrottledLoginIsToldHowLongToWaitOnTheLoginPage() {
        String name = "web-lock-" + System.nanoTime();
        String password = as("admin").contentType("application/json").body(Map.of("name", name, "roles", java.util.List.of("presales")))
                .post("/api/accounts").then().statusCode(201).extract().path("password");
        PageSession guesser = PageSession.from("127.0.0.21");
        Response answer = null;
        for (int i = 0; i < 10; i++) {
            answer = guesser.submitLogin(name, "wrong-" + i);
            if (answer.header("Location").contains("wait=")) {
                break;
            }
            assertThat(answer.header("Location")).isEqualTo("/login?error=true");
        }
        assertThat(answer.header("Location")).matches("/login\\?wait=\\d+");
        assertThat(RestAssured.given().get(answer.header("Location")).asString())
                .contains("Too many failed logins for this account from your address. Try again in");
        assertThat(guesser.loggedIn()).isFalse();
    }

    @Test
    void aDisabledAccountIsToldSoOnlyWithTheRightPassword() {
        String name = "web-off-" + System.nanoTime();
        String password = as("admin").contentType("application/json").body(Map.of("name", name, "roles", java.util.List.of("presales")))
                .post("/api/accounts").then().statusCode(201).extract().path("password");
        as("admin").contentType(ContentType.JSON).post("/api/accounts/" + name + "/disable").then().statusCode(200);
        assertThat(PageSession.from("127.0.0.22").submitLogin(name, "not-the-password").header("Location"))
                .isEqualTo("/login?error=true");
        assertThat(PageSession.from("127.0.0.22").submitLogin(name, password).header("Location")).isEqualTo("/login?disabled=true");
        assertThat(RestAssured.given().get("/login?disabled=true").asString()).contains("This account is disabled.");
    }

    @Test
    void loggingOutEndsTheWebLogin() {
        PageSession presales = PageSession.as("presales");
        presales.get("/triage").then().statusCode(200);
        Response logout = presales.post("/logout");
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.header("Location")).endsWith("/login?logout=true");
        assertThat(presales.cookies()).doesNotContainKey("triage-session");
        assertThat(presales.get("/triage").statusCode()).isEqualTo(302);
    }

    @Test
    void theWebLoginDoesNotOpenTheApiAndBasicAuthDoesNotOpenThePages() {
        PageSession auditor = PageSession.as("auditor");
        assertThat(auditor.get("/api/audit/chain").statusCode()).isEqualTo(401);
        Response page = as("auditor").redirects().follow(false).get("/triage");
        assertThat(page.statusCode()).isEqualTo(302);
    }

    @Test
    void aPageTheRoleMayNotSeeSaysSoAsAPage() {
        Response page = PageSession.as("auditor").get("/triage");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString()).contains("not allowed");
    }

    private static long storedDecisions() {
        return ((Number) as("auditor").when().get("/api/audit/chain").then().statusCode(200).extract().path("records")).longValue();
    }
}

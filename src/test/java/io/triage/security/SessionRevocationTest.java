package io.triage.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.triage.store.Database;
import io.triage.testing.MutableClock;
import io.triage.testing.PageSession;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web session cookie, copied by an attacker (or left in a shared browser), is replayed after the
 * event that should have ended it: logout, a password reset by an admin, a password change by the
 * owner, disabling, a change of roles. Each time the server refuses it, because the session is a
 * database row that the event removed or outdated, not a self-contained cookie.
 */
@QuarkusTest
class SessionRevocationTest {

    @Inject
    Database database;

    private record Login(String name, String password) {
    }

    private static Login newAccount(String role) {
        String name = "sess-" + UUID.randomUUID().toString().substring(0, 8);
        String password = as(ADMIN).contentType(ContentType.JSON).body(Map.of("name", name, "roles", List.of(role)))
                .when().post("/api/accounts").then().statusCode(201).extract().path("password");
        return new Login(name, password);
    }

    private static void assertRefused(PageSession browser, String page) {
        Response r = browser.get(page);
        assertThat(r.statusCode()).as("status of " + page).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/login");
    }

    @Test
    void aCookieReplayedAfterLogoutIsRefusedAndSoIsEveryOtherBrowserOfThatAccount() {
        Login account = newAccount(PRESALES);
        PageSession owner = PageSession.login(account.name(), account.password());
        PageSession thief = owner.copy();
        PageSession ownersPhone = PageSession.login(account.name(), account.password());
        assertThat(thief.get("/triage").statusCode()).isEqualTo(200);

        Response logout = owner.post("/logout");
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.header("Location")).endsWith("/login?logout=true");

        assertRefused(thief, "/triage");
        assertRefused(ownersPhone, "/triage");
        assertThat(thief.post("/triage", "task_type", "classification").statusCode()).isEqualTo(302);
        assertThat(as(AUDITOR).get("/api/audit/access?limit=50").jsonPath().getList("items.findAll { it.subject == '"
                + account.name() + "' }.action")).contains("logout");
    }

    @Test
    void aCookieReplayedAfterAnAdminResetsThePasswordIsRefused() {
        Login account = newAccount(PRESALES);
        PageSession thief = PageSession.login(account.name(), account.password()).copy();
        assertThat(thief.get("/triage").statusCode()).isEqualTo(200);

        as(ADMIN).contentType(ContentType.JSON).when().post("/api/accounts/" + account.name() + "/password").then().statusCode(200);

        assertRefused(thief, "/triage");
    }

    @Test
    void aCookieReplayedAfterTheOwnerChangesThePasswordIsRefused() {
        Login account = newAccount(AUDITOR);
        PageSession thief = PageSession.login(account.name(), account.password()).copy();
        assertThat(thief.get("/audit").statusCode()).isEqualTo(200);

        io.restassured.RestAssured.given().auth().preemptive().basic(account.name(), account.password())
                .contentType(ContentType.JSON).body(Map.of("current", account.password(), "new", "a brand new passphrase"))
                .when().post("/api/me/password").then().statusCode(204);

        assertRefused(thief, "/audit");
        assertThat(PageSession.login(account.name(), "a brand new passphrase").get("/audit").statusCode()).isEqualTo(200);
    }

    @Test
    void aCookieReplayedAfterTheAccountIsDisabledStaysRefusedWhenItIsEnabledAgain() {
        Login account = newAccount(PRESALES);
        PageSession thief = PageSession.login(account.name(), account.password()).copy();
        assertThat(thief.get("/triage").statusCode()).isEqualTo(200);

        as(ADMIN).contentType(ContentType.JSON).when().post("/api/accounts/" + account.name() + "/disable").then().statusCode(200);
        assertRefused(thief, "/triage");
        as(ADMIN).contentType(ContentType.JSON).when().post("/api/accounts/" + account.name() + "/enable").then().statusCode(200);
        assertRefused(thief, "/triage");
    }

    @Test
    void aCookieReplayedAfterTheRolesChangeIsRefusedAndANewLoginHasTheNewRoles() {
        Login account = newAccount(AUDITOR);
        PageSession thief = PageSession.login(account.name(), account.password()).copy();
        assertThat(thief.get("/audit").statusCode()).isEqualTo(200);

        PageSession admin = PageSession.as(ADMIN);
        admin.get("/admin/accounts");
        Response changed = admin.post("/admin/accounts/" + account.name() + "/roles", "roles", PRESALES);
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(admin.get(changed.header("Location")).asString()).contains("The roles of &#39;" + account.name() + "&#39; are changed");

        assertRefused(thief, "/audit");
        PageSession again = PageSession.login(account.name(), account.password());
        assertThat(again.get("/audit").statusCode()).isEqualTo(403);
        assertThat(again.get("/triage").statusCode()).isEqualTo(200);
    }

    @Test
    void loggingInAgainInTheSameBrowserEndsItsPreviousSession() {
        Login account = newAccount(PRESALES);
        PageSession browser = PageSession.login(account.name(), account.password());
        PageSession copyOfTheFirst = browser.copy();
        browser.submitLogin(account.name(), account.password());
        assertThat(browser.cookies().get("triage-session")).isNotEqualTo(copyOfTheFirst.cookies().get("triage-session"));
        assertThat(browser.get("/triage").statusCode()).isEqualTo(200);
        assertRefused(copyOfTheFirst, "/triage");
    }

    @Test
    void aGuessedCookieOpensNothingAndTheDatabaseHoldsNoUsableToken() throws SQLException {
        PageSession guesser = PageSession.anonymous();
        guesser.cookies().put("triage-session", "A".repeat(43));
        assertRefused(guesser, "/triage");
        guesser.cookies().put("triage-session", "not even the right shape");
        assertRefused(guesser, "/triage");

        Login account = newAccount(PRESALES);
        PageSession owner = PageSession.login(account.name(), account.password());
        String token = owner.cookies().get("triage-session");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        List<String> stored = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT token_digest FROM web_sessions WHERE account = ?")) {
            s.setString(1, account.name());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).matches("[0-9a-f]{64}").isNotEqualTo(token);
        // the row's digest, offered as a cookie, is not a session either
        PageSession fromDump = PageSession.anonymous();
        fromDump.cookies().put("triage-session", stored.get(0));
        assertRefused(fromDump, "/triage");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() {
        Login account = newAccount(PRESALES);
        Response login = PageSession.anonymous().submitLogin(account.name(), account.password());
        String setCookie = login.headers().getValues("Set-Cookie").stream().filter(h -> h.startsWith("triage-session="))
                .findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/")
                .doesNotContainIgnoringCase("Max-Age").doesNotContainIgnoringCase("Expires");
    }

    @Test
    void aSessionEndsAfterBeingIdleTooLong() {
        Login account = newAccount(PRESALES);
        MutableClock clock = new MutableClock();
        WebSessions sessions = sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12));
        String token = sessions.open(account.name(), epoch(account.name()), "127.0.0.1").orElseThrow();

        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(29)); // active every 29 minutes: stays
            assertThat(sessions.check(token)).as("after " + (i + 1) * 29 + " minutes of use").isPresent();
        }
        clock.advance(Duration.ofMinutes(31));
        assertThat(sessions.check(token)).isEmpty();
        clock.advance(Duration.ofMinutes(-31));
        assertThat(sessions.check(token)).as("an expired session is gone, not merely refused").isEmpty();
    }

    @Test
    void aSessionEndsAtItsAbsoluteLifetimeHoweverActive() {
        Login account = newAccount(PRESALES);
        MutableClock clock = new MutableClock();
        WebSessions sessions = sessions(clock);
        String token = sessions.open(account.name(), epoch(account.name()), "127.0.0.1").orElseThrow();
        for (int minutes = 10; minutes < 120; minutes += 10) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(sessions.check(token)).isPresent();
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(sessions.check(token)).as("two hours after login").isEmpty();
    }

    @Test
    void theSweepRemovesSessionsThatCanNoLongerBeUsed() throws SQLException {
        Login account = newAccount(PRESALES);
        MutableClock clock = new MutableClock();
        WebSessions sessions = sessions(clock);
        sessions.open(account.name(), epoch(account.name()), "127.0.0.1").orElseThrow();
        assertThat(rowsOf(account.name())).isEqualTo(1);
        clock.advance(Duration.ofMinutes(31));
        sessions.sweep();
        assertThat(rowsOf(account.name())).isZero();
    }

    @Test
    void aSessionIsNotOpenedAtAnEpochTheAccountHasLeft() {
        Login account = newAccount(PRESALES);
        long before = epoch(account.name());
        as(ADMIN).contentType(ContentType.JSON).when().post("/api/accounts/" + account.name() + "/password").then().statusCode(200);
        // the password was checked just before the reset landed: the session must not outlive it
        assertThat(sessions(new MutableClock()).open(account.name(), before, "127.0.0.1")).isEmpty();
    }

    /** Sessions as another process with its own clock would keep them, in the application's database. */
    private WebSessions sessions(MutableClock clock, Duration idle, Duration absolute) {
        return new WebSessions(database.dataSource(), new WebSessions.Lifetimes(idle, absolute),
                "a key for this test only, 32 chars or more".getBytes(StandardCharsets.UTF_8), clock);
    }

    private WebSessions sessions(MutableClock clock) {
        return sessions(clock, Duration.ofMinutes(30), Duration.ofHours(2));
    }

    private long epoch(String name) {
        return new AccountStore(database.dataSource()).find(name).orElseThrow().epoch();
    }

    private int rowsOf(String name) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM web_sessions WHERE account = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}

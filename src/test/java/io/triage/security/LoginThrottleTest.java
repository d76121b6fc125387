package io.triage.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.triage.store.Database;
import io.triage.testing.FromAddress;
import io.triage.testing.MutableClock;
import io.triage.testing.PageSession;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static io.triage.testing.Accounts.password;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing, as an attacker would do it: from one address, against the admin, two hundred
 * times, with invented names, with a forged X-Forwarded-For. The guesser is slowed down and the
 * access log stays small; the owner, from their own address, is never locked out. Each attacker
 * connects from its own loopback address (see {@link FromAddress}).
 */
@QuarkusTest
class LoginThrottleTest {

    @Inject
    Database database;

    private static final LoginThrottle.Settings DEFAULTS =
            new LoginThrottle.Settings(3, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(30));

    private static String newAccount(String role) {
        String name = "thr-" + UUID.randomUUID().toString().substring(0, 8);
        as(ADMIN).contentType(ContentType.JSON).body(Map.of("name", name, "roles", List.of(role), "password", "the owner's own passphrase"))
                .when().post("/api/accounts").then().statusCode(201);
        return name;
    }

    private static Response guess(String address, String name, String password) {
        return FromAddress.basic(address, name, password).when().get("/api/decisions");
    }

    /** Guesses wrong from {@code address} until the answer is a 429 with at least {@code seconds} left to wait. */
    private static Response guessUntilThrottledFor(String address, String name, int seconds) throws InterruptedException {
        for (int i = 0; i < 40; i++) {
            Response r = guess(address, name, "guess-" + i);
            if (r.statusCode() == 429 && Integer.parseInt(r.header("Retry-After")) >= seconds) {
                return r;
            }
            assertThat(r.statusCode()).isIn(401, 429);
            if (r.statusCode() == 429) {
                Thread.sleep(Long.parseLong(r.header("Retry-After")) * 1000); // sit the delay out, then guess again
            }
        }
        throw new AssertionError("never throttled for " + seconds + " s");
    }

    /** The access log's login rows (logins, failures, bursts) about an account, newest first. */
    private static List<Map<String, Object>> accessLogAbout(String subject) {
        return as(AUDITOR).when().get("/api/audit/access?limit=200").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items").stream()
                .filter(e -> subject.equals(e.get("subject")) && ((String) e.get("action")).startsWith("login")).toList();
    }

    @Test
    void anAttackerHammeringTheAdminFromOneAddressDoesNotStopTheAdminFromAnother() throws InterruptedException {
        String attacker = "127.0.0.61";
        long checked = 0;
        for (int i = 0; i < 30; i++) {
            int status = guess(attacker, ADMIN, "guess-" + i).statusCode();
            assertThat(status).isIn(401, 429);
            checked += status == 401 ? 1 : 0;
        }
        assertThat(checked).as("guesses whose password was checked at all").isLessThan(10);
        Response throttled = guessUntilThrottledFor(attacker, ADMIN, 3);
        assertThat(throttled.statusCode()).isEqualTo(429);

        // while the attacker waits, even the right password is refused from there: the delay tells nothing
        assertThat(guess(attacker, ADMIN, password(ADMIN)).statusCode()).isEqualTo(429);
        // the admin, from another address, works as usual: over the API and in the browser
        assertThat(FromAddress.basic("127.0.0.62", ADMIN, password(ADMIN)).when().get("/api/accounts").statusCode()).isEqualTo(200);
        PageSession browser = PageSession.from("127.0.0.63");
        assertThat(browser.submitLogin(ADMIN, password(ADMIN)).header("Location")).isEqualTo("/");
        assertThat(browser.get("/admin/accounts").statusCode()).isEqualTo(200);
    }

    @Test
    void aThrottledApiLoginGets429WithRetryAfterAndAProblemDocumentUntilAnAdminResetsThePassword() throws InterruptedException {
        String name = newAccount(PRESALES);
        String attacker = "127.0.0.64";
        Response throttled = guessUntilThrottledFor(attacker, name, 2);
        assertThat(throttled.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(throttled.jsonPath().getString("type")).isEqualTo("urn:triage:problem:login-throttled");
        assertThat(throttled.jsonPath().getString("title")).isEqualTo("too many failed logins");
        assertThat(throttled.jsonPath().getInt("status")).isEqualTo(429);

        // the counters are in the database: a freshly started instance sees the same delay
        LoginThrottle afterRestart = new LoginThrottle(database.dataSource(), DEFAULTS, Clock.systemUTC());
        assertThat(afterRestart.check(name, attacker).retryAfter()).isPresent();

        // an admin's reset ends the delay at once
        String fresh = as(ADMIN).contentType(ContentType.JSON).when().post("/api/accounts/" + name + "/password").then().statusCode(200).extract().path("password");
        assertThat(guess(attacker, name, fresh).statusCode()).isEqualTo(200);
    }

    @Test
    void aBurstOf200FailedLoginsAddsAtMostTwoAccessLogRowsWithTheCount() {
        String name = newAccount(PRESALES);
        for (int i = 0; i < 200; i++) {
            assertThat(guess("127.0.0.65", name, "guess-" + i).statusCode()).isIn(401, 429);
        }
        List<Map<String, Object>> during = accessLogAbout(name);
        assertThat(during).hasSize(1);
        assertThat(during.get(0)).containsEntry("remote", "127.0.0.65").containsEntry("detail", "wrong password");

        // the burst ends (here: an admin resets the password) and is written as one row with its count
        as(ADMIN).contentType(ContentType.JSON).when().post("/api/accounts/" + name + "/password").then().statusCode(200);
        List<Map<String, Object>> rows = accessLogAbout(name);
        assertThat(rows).extracting(e -> e.get("action")).containsExactly("login_failures", "login_failed");
        assertThat(rows).filteredOn(e -> "login_failures".equals(e.get("action"))).singleElement()
                .satisfies(e -> assertThat((String) e.get("detail")).startsWith("burst of 200 failed logins from 127.0.0.65"));
    }

    @Test
    void inventingANewNameForEveryGuessAddsOneRowPerAddressAndOneSummary() {
        String address = "127.0.0.66";
        String prefix = "nobody-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        for (int i = 0; i < 12; i++) {
            assertThat(guess(address, prefix + i, "whatever").statusCode()).isEqualTo(401);
        }
        List<Map<String, Object>> fromThere = as(AUDITOR).when().get("/api/audit/access?limit=200").jsonPath()
                .<Map<String, Object>>getList("items").stream()
                .filter(e -> address.equals(e.get("remote")) || String.valueOf(e.get("subject")).startsWith(prefix)).toList();
        assertThat(fromThere).singleElement().satisfies(e -> assertThat(e).containsEntry("action", "login_failed")
                .containsEntry("detail", "unknown account"));

        // half an hour of quiet later (as the housekeeping of any instance sees it), one row sums the burst up
        MutableClock later = new MutableClock();
        later.advance(Duration.ofMinutes(31));
        new LoginThrottle(database.dataSource(), DEFAULTS, later).sweep();
        assertThat(as(AUDITOR).when().get("/api/audit/access?limit=200").jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(e -> address.equals(e.get("remote")) && "login_failures".equals(e.get("action"))))
                .singleElement().satisfies(e -> assertThat((String) e.get("detail"))
                        .startsWith("burst of 12 failed logins for account names that do not exist from 127.0.0.66"));
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerChangesNothing() throws InterruptedException {
        String name = newAccount(PRESALES);
        String attacker = "127.0.0.67";
        int status = 0;
        for (int i = 0; i < 15 && status != 429; i++) {
            status = FromAddress.basic(attacker, name, "guess-" + i).header("X-Forwarded-For", "198.51.100." + i)
                    .when().get("/api/decisions").statusCode();
        }
        assertThat(status).as("throttled although every guess claimed another address").isEqualTo(429);
        assertThat(accessLogAbout(name)).extracting(e -> e.get("remote")).containsOnly(attacker);
    }

    @Test
    void delaysDoubleAfterTheFreeFailuresUpToTheCap() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(database.dataSource(), DEFAULTS, clock);
        String name = "doubling-" + UUID.randomUUID();
        String address = "192.0.2.10";
        throttle.failed(name, true, address, address, "wrong password");
        throttle.failed(name, true, address, address, "wrong password");
        assertThat(throttle.check(name, address).retryAfter()).as("two failures are free").isEmpty();
        long[] expected = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900};
        for (long seconds : expected) {
            throttle.failed(name, true, address, address, "wrong password");
            assertThat(throttle.check(name, address).retryAfter()).contains(Duration.ofSeconds(seconds));
            clock.advance(Duration.ofSeconds(seconds / 2));
            // asking again while waiting is refused, counted, and does not make the wait longer
            assertThat(throttle.check(name, address).retryAfter()).contains(Duration.ofSeconds(seconds - seconds / 2));
            clock.advance(Duration.ofSeconds(seconds - seconds / 2));
            assertThat(throttle.check(name, address).retryAfter()).isEmpty();
        }
        // another address, and the same address for another name, are not slowed at all
        assertThat(throttle.check(name, "192.0.2.11").retryAfter()).isEmpty();
        assertThat(throttle.check(name + "-other", address).retryAfter()).isEmpty();
    }

    @Test
    void aBurstThatGoesQuietIsWrittenUpOnceAndForgotten() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(database.dataSource(), DEFAULTS, clock);
        String name = newAccount(PRESALES);
        String address = "192.0.2.20";
        for (int i = 0; i < 5; i++) {
            throttle.failed(name, true, address, address, "wrong password");
            clock.advance(Duration.ofSeconds(10));
        }
        throttle.check(name, address);
        clock.advance(Duration.ofMinutes(29));
        throttle.sweep();
        assertThat(accessLogAbout(name)).extracting(e -> e.get("action")).containsExactly("login_failed");
        clock.advance(Duration.ofMinutes(2));
        throttle.sweep();
        throttle.sweep();
        assertThat(accessLogAbout(name)).extracting(e -> e.get("action")).containsExactly("login_failures", "login_failed");
        assertThat(accessLogAbout(name).get(0).get("detail")).asString()
                .startsWith("burst of 5 failed logins from 192.0.2.20 (5 passwords checked, 0 turned away while throttled)");
        assertThat(throttle.check(name, address).failedBefore()).as("its counters are gone").isFalse();
    }

    @Test
    void theOwnersLoginFromTheSameAddressEndsTheBurst() {
        String name = newAccount(PRESALES);
        String address = "127.0.0.68";
        assertThat(guess(address, name, "typo one").statusCode()).isEqualTo(401);
        assertThat(guess(address, name, "typo two").statusCode()).isEqualTo(401);
        assertThat(guess(address, name, "the owner's own passphrase").statusCode()).isEqualTo(200);
        assertThat(accessLogAbout(name)).extracting(e -> e.get("action")).containsSubsequence("login", "login_failures", "login_failed");
        assertThat(new LoginThrottle(database.dataSource(), DEFAULTS, Clock.systemUTC()).check(name, address).failedBefore()).isFalse();
    }
}

package io.triage.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.triage.cluster.ClusterEvents;
import io.triage.testing.FromAddress;
import io.triage.testing.PageSession;
import io.triage.testing.PostgresProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two instances on one PostgreSQL database: the running application (instance A, reached over
 * HTTP) and a second set of the same security components built on their own connections
 * (instance B), as a second process would have them. Whatever one instance does to sessions,
 * passwords, roles and failed logins holds on the other, at once.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class SecurityAcrossInstancesTest {

    /** The security components of a second instance, on their own connections to the same database. */
    static final class Instance {
        final ClusterEvents events;
        final LoginThrottle throttle;
        final WebSessions sessions;
        final LoginGuard guard;
        final AccountService accounts;

        Instance(ClusterEvents events) {
            PGSimpleDataSource db = dataSource("triage-instance-b");
            this.events = events;
            AccountStore store = new AccountStore(db);
            AccessLog log = new AccessLog(db);
            this.throttle = new LoginThrottle(db, new LoginThrottle.Settings(3, Duration.ofSeconds(1), Duration.ofMinutes(15),
                    Duration.ofMinutes(30)), Clock.systemUTC());
            this.sessions = new WebSessions(db, new WebSessions.Lifetimes(Duration.ofMinutes(30), Duration.ofHours(12)),
                    config("triage.security.session-key").getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
            this.guard = new LoginGuard(store, log, throttle, events, Duration.ofMinutes(5), Clock.systemUTC());
            this.accounts = new AccountService(store, log, sessions, throttle, events);
            events.start();
        }
    }

    private static Instance b;
    private static Instance deaf;

    static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    static PGSimpleDataSource dataSource(String applicationName) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(config("triage.db.url"));
        ds.setUser(config("triage.db.user"));
        ds.setPassword(config("triage.db.password"));
        ds.setApplicationName(applicationName);
        return ds;
    }

    /** Instance B, hearing and telling the others by LISTEN/NOTIFY. */
    private static synchronized Instance b() {
        if (b == null) {
            PGSimpleDataSource db = dataSource("triage-instance-b");
            b = new Instance(ClusterEvents.overPostgres(db, db::getConnection, Duration.ofSeconds(60)));
        }
        return b;
    }

    /** An instance whose notifications never arrive anywhere: only the others' catch-up can find its changes. */
    private static synchronized Instance deaf() {
        if (deaf == null) {
            deaf = new Instance(ClusterEvents.alone());
        }
        return deaf;
    }

    @AfterAll
    static void stopInstances() {
        if (b != null) {
            b.events.stop();
        }
    }

    private static String newAccount(String role, String password) {
        String name = "inst-" + UUID.randomUUID().toString().substring(0, 8);
        as(ADMIN).contentType(ContentType.JSON).body(Map.of("name", name, "roles", List.of(role), "password", password))
                .when().post("/api/accounts").then().statusCode(201);
        return name;
    }

    private static void assertRefusedOnA(PageSession browser) {
        Response r = browser.get("/");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/login");
    }

    /**
     * How long after now a request was sent that found {@code condition} true (not counting that
     * request's own time: a refused password costs a bcrypt check); fails after {@code limit}.
     */
    private static Duration until(Duration limit, Supplier<Boolean> condition) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            long asked = System.nanoTime();
            if (condition.get()) {
                return Duration.ofNanos(asked - start);
            }
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(20);
        }
    }

    private static int onA(String name, String password, String path) {
        return RestAssured.given().auth().preemptive().basic(name, password).when().get(path).statusCode();
    }

    @Test
    void aCookieFromInstanceAIsRefusedThereTheMomentInstanceBResetsThePassword() {
        String name = newAccount(PRESALES, "a long passphrase one");
        PageSession owner = PageSession.login(name, "a long passphrase one");
        PageSession thief = owner.copy();
        assertThat(b().sessions.check(owner.cookies().get("triage-session"))).as("B sees A's session").isPresent();

        b().accounts.resetPassword("admin", "127.0.0.1", name, "a long passphrase two");

        assertRefusedOnA(thief);
        assertRefusedOnA(owner);
    }

    @Test
    void aSessionOpenedOnBWorksOnAAndALogoutOnAEndsItOnB() {
        String name = newAccount(PRESALES, "a long passphrase one");
        LoginGuard.Identity identity = b().guard.verify(name, "a long passphrase one", "127.0.0.1");
        String token = b().sessions.open(name, identity.epoch(), "127.0.0.1").orElseThrow();
        PageSession onA = PageSession.anonymous();
        onA.cookies().put("triage-session", token);
        assertThat(onA.get("/triage").statusCode()).isEqualTo(200);

        assertThat(onA.post("/logout").statusCode()).isEqualTo(303);

        assertThat(b().sessions.check(token)).isEmpty();
    }

    @Test
    void disablingOrChangingRolesOnBEndsTheSessionsOnA() {
        String first = newAccount(AUDITOR, "a long passphrase one");
        PageSession session = PageSession.login(first, "a long passphrase one").copy();
        b().accounts.setRoles("admin", "127.0.0.1", first, List.of(PRESALES));
        assertRefusedOnA(session);

        String second = newAccount(AUDITOR, "a long passphrase one");
        PageSession other = PageSession.login(second, "a long passphrase one").copy();
        b().accounts.setEnabled("admin", "127.0.0.1", second, false);
        assertRefusedOnA(other);
    }

    @Test
    void aPasswordRememberedOnAIsForgottenWithinASecondOfAChangeOnB() throws InterruptedException {
        String name = newAccount(AUDITOR, "a long passphrase one");
        assertThat(onA(name, "a long passphrase one", "/api/audit/chain")).isEqualTo(200); // now remembered on A

        b().accounts.setRoles("admin", "127.0.0.1", name, List.of(PRESALES));
        assertThat(until(Duration.ofSeconds(1), () -> onA(name, "a long passphrase one", "/api/audit/chain") == 403))
                .isLessThan(Duration.ofSeconds(1));

        assertThat(onA(name, "a long passphrase one", "/api/decisions")).isEqualTo(200);
        b().accounts.changeOwnPassword(name, "127.0.0.1", "a long passphrase one", "a long passphrase two");
        assertThat(until(Duration.ofSeconds(1), () -> onA(name, "a long passphrase one", "/api/decisions") == 401))
                .isLessThan(Duration.ofSeconds(1));

        assertThat(onA(name, "a long passphrase two", "/api/decisions")).isEqualTo(200);
        b().accounts.setEnabled("admin", "127.0.0.1", name, false);
        assertThat(until(Duration.ofSeconds(1), () -> onA(name, "a long passphrase two", "/api/decisions") == 401))
                .isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aChangeWhoseNotificationIsLostIsStillFoundByTheNextPoll() throws InterruptedException {
        String name = newAccount(PRESALES, "a long passphrase one");
        assertThat(onA(name, "a long passphrase one", "/api/decisions")).isEqualTo(200);

        deaf().accounts.changeOwnPassword(name, "127.0.0.1", "a long passphrase one", "a long passphrase two");

        // A polls every second in tests (triage.cluster.poll-interval)
        until(Duration.ofSeconds(5), () -> onA(name, "a long passphrase one", "/api/decisions") == 401);
    }

    @Test
    void failedLoginsCountOnEveryInstanceAndTheBurstIsLoggedOnce() throws InterruptedException {
        String name = newAccount(PRESALES, "a long passphrase one");
        String attacker = "127.0.0.71";
        // two guesses on A, two on B: one burst
        FromAddress.basic(attacker, name, "guess-1").when().get("/api/decisions").then().statusCode(401);
        assertThatThrownBy(() -> b().guard.authenticate(name, "guess-2", attacker)).isInstanceOf(RuntimeException.class);
        FromAddress.basic(attacker, name, "guess-3").when().get("/api/decisions").then().statusCode(401);
        assertThatThrownBy(() -> b().guard.authenticate(name, "guess-4", attacker)).isInstanceOf(RuntimeException.class);

        // more guesses, alternating, until the wait is long enough for the checks below to fall inside it
        Duration wait = b().throttle.check(name, attacker).retryAfter().orElse(Duration.ZERO);
        for (int i = 5; wait.compareTo(Duration.ofSeconds(3)) < 0; i++) {
            assertThat(i).as("guesses before a 3 s wait").isLessThan(20);
            Thread.sleep(wait.toMillis());
            if (i % 2 == 1) {
                FromAddress.basic(attacker, name, "guess-" + i).when().get("/api/decisions");
            } else {
                String guess = "guess-" + i;
                assertThatThrownBy(() -> b().guard.authenticate(name, guess, attacker)).isInstanceOf(RuntimeException.class);
            }
            wait = b().throttle.check(name, attacker).retryAfter().orElse(Duration.ZERO);
        }

        // A now makes the attacker wait, whichever instance counted the failures, even for the right password
        Response throttled = FromAddress.basic(attacker, name, "a long passphrase one").when().get("/api/decisions");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(b().throttle.check(name, attacker).retryAfter()).isPresent();
        // the owner elsewhere is not slowed, on either instance
        assertThat(b().guard.authenticate(name, "a long passphrase one", "127.0.0.72").name()).isEqualTo(name);
        assertThat(FromAddress.basic("127.0.0.73", name, "a long passphrase one").when().get("/api/decisions").statusCode())
                .isEqualTo(200);
        assertThat(as(AUDITOR).when().get("/api/audit/access?limit=200").jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(e -> name.equals(e.get("subject")) && "login_failed".equals(e.get("action")))).hasSize(1);
    }

    @Test
    void aLockoutCountedOnBHoldsOnAEvenForAPasswordARemembers() throws InterruptedException {
        String name = newAccount(PRESALES, "a long passphrase one");
        String attacker = "127.0.0.81";
        // the owner's password, remembered on A for this address
        assertThat(FromAddress.basic(attacker, name, "a long passphrase one").when().get("/api/decisions").statusCode())
                .isEqualTo(200);

        // guesses on B only, until the wait is long enough for the check below to fall inside it
        Duration wait = Duration.ZERO;
        for (int i = 1; wait.compareTo(Duration.ofSeconds(3)) < 0; i++) {
            assertThat(i).as("guesses before a 3 s wait").isLessThan(20);
            Thread.sleep(wait.toMillis());
            String guess = "guess-" + i;
            assertThatThrownBy(() -> b().guard.authenticate(name, guess, attacker)).isInstanceOf(RuntimeException.class);
            wait = b().throttle.check(name, attacker).retryAfter().orElse(Duration.ZERO);
        }

        // A forgets what it remembered the moment B counts a failure, so the right password meets the throttle there too
        assertThat(FromAddress.basic(attacker, name, "a long passphrase one").when().get("/api/decisions").statusCode())
                .isEqualTo(429);
    }

    @Test
    void aNameWithControlCharactersIsAnUnknownNameNotAServerError() {
        // PostgreSQL refuses NUL in text; such a name must still be throttled and logged like any other
        for (String name : new String[] {"nul\u0000name", "line\nbreak", "x".repeat(5000)}) {
            assertThat(FromAddress.basic("127.0.0.74", name, "whatever").when().get("/api/decisions").statusCode()).isEqualTo(401);
        }
    }
}

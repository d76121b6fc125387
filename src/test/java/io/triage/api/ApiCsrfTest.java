package io.triage.api;

import io.quarkus.test.junit.QuarkusTest;
import io.triage.testing.RawHttp;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What another site can make a logged-in browser send to the API (a form post, plain text, a POST
 * with no body) changes nothing; only JSON or a request carrying X-Requested-By gets through.
 */
@QuarkusTest
class ApiCsrfTest {

    /** The spellings of a cross-site request a page can make without asking Triage first. */
    private static final List<Map<String, String>> FORGED = List.of(
            Map.of(),
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            Map.of("Content-Type", "multipart/form-data; boundary=x"),
            Map.of("Content-Type", "text/plain"),
            Map.of("Content-Type", "text/plain; charset=application/json"),
            Map.of("Content-Type", "application/jsonx"),
            Map.of("Content-Type", ""),
            Map.of("X-Requested-By", ""));

    @Test
    void forgedCallsToEnableAnAccountAreRefusedAndChangeNothing() {
        String name = "csrf-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(RawHttp.postJson("/api/accounts", ADMIN, "{\"name\": \"" + name + "\", \"roles\": [\"presales\"]}").status()).isEqualTo(201);
        assertThat(RawHttp.postJson("/api/accounts/" + name + "/disable", ADMIN, "").status()).isEqualTo(200);
        for (Map<String, String> headers : FORGED) {
            for (byte[] body : new byte[][] {null, "x=1".getBytes(StandardCharsets.UTF_8)}) {
                RawHttp.Answer r = RawHttp.send("POST", "/api/accounts/" + name + "/enable", ADMIN, headers, body);
                assertRefused(r, headers.toString());
            }
        }
        assertThat(accountEnabled(name)).isFalse();
    }

    @Test
    void forgedActivationsAccountCreationsDecisionsAndPasswordChangesAreRefused() {
        String active = RawHttp.send("GET", "/api/rulesets/active", POLICY_OWNER, Map.of(), null).json().path("version").asText();
        String previous = RawHttp.send("GET", "/api/rulesets/activations", POLICY_OWNER, Map.of(), null).json().path(0)
                .path("previousVersion").asText(active);
        long decisions = HostileNumbersTest.storedDecisions();
        String name = "forged-" + UUID.randomUUID().toString().substring(0, 8);
        for (Map<String, String> headers : FORGED) {
            assertRefused(RawHttp.send("POST", "/api/rulesets/" + previous + "/activate", POLICY_OWNER, headers, null), headers.toString());
            assertRefused(RawHttp.send("POST", "/api/accounts", ADMIN, headers,
                    ("{\"name\": \"" + name + "\", \"roles\": [\"admin\"]}").getBytes(StandardCharsets.UTF_8)), headers.toString());
            assertRefused(RawHttp.send("POST", "/api/decisions", PRESALES, headers,
                    "{\"answers\": {}}".getBytes(StandardCharsets.UTF_8)), headers.toString());
            assertRefused(RawHttp.send("POST", "/api/me/password", PRESALES, headers,
                    "current=x&new=y".getBytes(StandardCharsets.UTF_8)), headers.toString());
            assertRefused(RawHttp.send("POST", "/api/accounts/nobody-here/password", ADMIN, headers, null), headers.toString());
            for (String method : List.of("PUT", "PATCH", "DELETE")) {
                assertRefused(RawHttp.send(method, "/api/accounts/presales", ADMIN, headers, null), method + " " + headers);
            }
        }
        assertThat(RawHttp.send("GET", "/api/rulesets/active", POLICY_OWNER, Map.of(), null).json().path("version").asText())
                .isEqualTo(active);
        assertThat(RawHttp.send("GET", "/api/accounts", ADMIN, Map.of(), null).text()).doesNotContain(name);
        assertThat(HostileNumbersTest.storedDecisions()).isEqualTo(decisions);
    }

    @Test
    void jsonOrTheCustomHeaderGetsThrough() {
        String name = "allowed-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(RawHttp.postJson("/api/accounts", ADMIN, "{\"name\": \"" + name + "\", \"roles\": [\"presales\"]}").status()).isEqualTo(201);
        // JSON with an empty body, JSON with a charset, and the custom header without any body
        assertThat(RawHttp.send("POST", "/api/accounts/" + name + "/disable", ADMIN, Map.of("Content-Type", "application/json"), null)
                .status()).isEqualTo(200);
        assertThat(RawHttp.send("POST", "/api/accounts/" + name + "/enable", ADMIN,
                Map.of("Content-Type", "Application/JSON; charset=UTF-8"), null).status()).isEqualTo(200);
        assertThat(RawHttp.send("POST", "/api/accounts/" + name + "/disable", ADMIN, Map.of("X-Requested-By", "curl"), null)
                .status()).isEqualTo(200);
        assertThat(accountEnabled(name)).isFalse();
        // reading needs neither
        assertThat(RawHttp.send("GET", "/api/accounts", ADMIN, Map.of(), null).status()).isEqualTo(200);
    }

    @Test
    void anAnonymousForgedCallIsRefusedAsWell() {
        RawHttp.Answer r = RawHttp.send("POST", "/api/accounts/presales/disable", null,
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "a=b".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isBetween(400, 499);
    }

    private static boolean accountEnabled(String name) {
        for (var account : RawHttp.send("GET", "/api/accounts", ADMIN, Map.of(), null).json()) {
            if (account.path("name").asText().equals(name)) {
                return account.path("enabled").asBoolean();
            }
        }
        throw new AssertionError("no account " + name);
    }

    private static void assertRefused(RawHttp.Answer r, String what) {
        assertThat(r.status()).as(what).isEqualTo(415);
        assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        assertThat(r.json().path("type").asText()).as(what).isEqualTo("urn:triage:problem:json-required");
        assertThat(r.error("field")).as(what).isEqualTo("Content-Type");
        assertThat(r.json().path("detail").asText()).as(what).contains("application/json").contains("X-Requested-By");
    }
}

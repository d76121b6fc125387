package io.triage.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.triage.testing.RawHttp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON body is read by one strict reader: a key given twice, anything after the value and
 * nesting beyond 32 levels are refused with a problem document naming the problem, on every
 * endpoint that takes a body, and nothing changes.
 */
@QuarkusTest
class StrictJsonBodiesTest {

    private static final String ANSWERS = "{\"answers\": {\"task_type\": \"classification\"}}";

    /** Endpoint → who may call it → a valid body to break. */
    private record Endpoint(String path, String role, String validBody) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/api/decisions", PRESALES, ANSWERS),
            new Endpoint("/api/rulesets", POLICY_OWNER, "{\"files\": {\"test-cases/strict.yaml\": \"\"}}"),
            new Endpoint("/api/accounts", ADMIN, "{\"name\": \"strict-json\", \"roles\": [\"presales\"]}"),
            new Endpoint("/api/accounts/nobody-here/password", ADMIN, "{\"password\": \"correct horse battery staple\"}"),
            new Endpoint("/api/me/password", PRESALES, "{\"current\": \"x\", \"new\": \"correct horse battery staple\"}"));

    @Test
    void aKeyGivenTwiceIsRefusedAndNamed() {
        assertRefused("{\"answers\": {\"task_type\": \"classification\", \"task_type\": \"extraction\"}}", "task_type", "duplicate_key");
        assertRefused("{\"answers\": {}, \"answers\": {\"task_type\": \"classification\"}}", "answers", "duplicate_key");
        assertRefused("{\"answers\": {\"task_type\": \"classification\", \"t\\u0061sk_type\": \"extraction\"}}", "task_type", "duplicate_key");
        for (Endpoint e : ENDPOINTS) {
            String doubled = e.validBody().replaceFirst("\\{\"(\\w+)\"", "{\"$1\": null, \"$1\"");
            RawHttp.Answer r = post(e, doubled);
            assertThat(r.status()).as(e.path() + " " + doubled).isEqualTo(400);
            assertThat(r.error("code")).as(e.path()).isEqualTo("duplicate_key");
        }
    }

    @Test
    void anythingAfterTheValueIsRefused() {
        for (String tail : List.of(" garbage", "{}", " ]", "\n" + ANSWERS, " 1", " \"x\"", " /* comment */", "\u0000")) {
            assertRefused(ANSWERS + tail, "body", "trailing_content");
        }
        for (Endpoint e : ENDPOINTS) {
            assertThat(post(e, e.validBody() + " garbage").status()).as(e.path()).isEqualTo(400);
        }
    }

    @Test
    void nestingBeyondThirtyTwoLevelsIsRefused() {
        for (int depth : new int[] {33, 100, 3_000, 100_000}) {
            String deep = "[".repeat(depth) + "]".repeat(depth);
            assertRefused("{\"answers\": {\"task_type\": " + deep + "}}", "body", "too_deep");
            if (depth <= 3_000) {
                String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                assertRefused("{\"answers\": " + objects + "}", "body", "too_deep");
            }
        }
        for (Endpoint e : ENDPOINTS) {
            String deep = "[".repeat(3_000) + "]".repeat(3_000);
            RawHttp.Answer r = post(e, "{\"x\": " + deep + "}");
            assertThat(r.status()).as(e.path()).isEqualTo(400);
            assertThat(r.error("code")).as(e.path()).isEqualTo("too_deep");
        }
        // the bound leaves room for what Triage itself takes
        as(PRESALES).contentType(ContentType.JSON).body(ANSWERS).post("/api/decisions").then().statusCode(201);
    }

    @Test
    void malformedJsonIsRefusedWithItsLineAndColumn() {
        RawHttp.Answer r = RawHttp.postJson("/api/decisions", PRESALES, "{\"answers\":\n  {\"task_type\" \"classification\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error("code")).isEqualTo("not_json");
        assertThat(r.json().path("errors").path(0).path("line").asInt()).isEqualTo(2);
        assertThat(r.json().path("errors").path(0).path("column").asInt()).isPositive();
        for (String broken : List.of("{", "{\"answers\": NaN}", "{'answers': {}}", "{\"answers\": {},}", "\"\\ud800\"x",
                "{\"answers\": {\"monthly_calls\": 01}}", "{\"answers\": {\"monthly_calls\": +1}}", "[" + "\u0001" + "]")) {
            RawHttp.Answer bad = RawHttp.postJson("/api/decisions", PRESALES, broken);
            assertThat(bad.status()).as(broken).isEqualTo(400);
            assertThat(bad.contentType()).as(broken).startsWith("application/problem+json");
        }
    }

    @Test
    void refusedBodiesChangeNothing() {
        long decisions = HostileNumbersTest.storedDecisions();
        String accounts = as(ADMIN).when().get("/api/accounts").asString();
        String versions = as(POLICY_OWNER).when().get("/api/rulesets").asString();
        for (Endpoint e : ENDPOINTS) {
            post(e, e.validBody() + "x");
            post(e, e.validBody().replaceFirst("\\{", "{\"_\": " + "[".repeat(40) + "]".repeat(40) + ", "));
        }
        assertThat(HostileNumbersTest.storedDecisions()).isEqualTo(decisions);
        assertThat(as(ADMIN).when().get("/api/accounts").asString()).isEqualTo(accounts);
        assertThat(as(POLICY_OWNER).when().get("/api/rulesets").asString()).isEqualTo(versions);
    }

    private static void assertRefused(String body, String field, String code) {
        RawHttp.Answer r = RawHttp.postJson("/api/decisions", PRESALES, body);
        String shown = body.length() > 80 ? body.substring(0, 80) + "…" : body;
        assertThat(r.status()).as(shown).isEqualTo(400);
        assertThat(r.contentType()).as(shown).startsWith("application/problem+json");
        assertThat(r.json().path("type").asText()).as(shown).isEqualTo("urn:triage:problem:invalid-input");
        assertThat(r.error("field")).as(shown).isEqualTo(field);
        assertThat(r.error("code")).as(shown).isEqualTo(code);
        assertThat(r.body().length).as(shown).isLessThanOrEqualTo(1_024);
    }

    private static RawHttp.Answer post(Endpoint e, String body) {
        return RawHttp.postJson(e.path(), e.role(), body);
    }
}

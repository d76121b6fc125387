package io.triage.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.triage.testing.PageSession;
import io.triage.testing.RawHttp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers written to cost the service: a ten-character exponent that expands to ten million
 * digits, exponents beyond what a decimal holds, thousands of digits. Each is refused in
 * milliseconds with a short answer naming the question, and nothing is stored.
 */
@QuarkusTest
class HostileNumbersTest {

    /** Each spelling, as it would appear in a JSON body. */
    static final List<String> HOSTILE = List.of(
            "1e10000000", "1E+10000000", "-1e10000000", "1e999999999", "1e-999999999", "1.5e-999999999",
            "0.1e2147483647", "1e-2147483647", "9".repeat(2_000), "9".repeat(101), "1" + "0".repeat(25),
            "0.00000000001", "123456789012345678901", "1" + "0".repeat(90) + "e-70",
            "1e-2147483649", "1e2147483648");

    @Test
    void hostileNumbersInADecisionAreRefusedFastAndBrieflyNamingTheQuestion() {
        long before = storedDecisions();
        warmUp(PRESALES);
        for (String number : HOSTILE) {
            String body = "{\"answers\": {\"task_type\": \"classification\", \"monthly_calls\": " + number + "}}";
            RawHttp.Answer r = RawHttp.postJson("/api/decisions", PRESALES, body);
            assertThat(r.status()).as(shown(number)).isEqualTo(400);
            assertThat(r.contentType()).as(shown(number)).startsWith("application/problem+json");
            assertThat(r.millis()).as(shown(number) + " took").isLessThan(1_000);
            assertThat(r.body().length).as(shown(number) + " answer size").isLessThanOrEqualTo(1_024);
            assertThat(r.error("field")).as(shown(number)).isEqualTo("monthly_calls");
            assertThat(r.error("code")).as(shown(number)).isEqualTo("too_many_digits");
            assertThat(r.error("message")).as(shown(number)).contains("too many digits");
        }
        assertThat(storedDecisions()).isEqualTo(before);
    }

    @Test
    void numbersWithinTheLimitsAreStillJudgedByTheirRange() {
        as(PRESALES).contentType(ContentType.JSON).body("{\"answers\": {\"monthly_calls\": 12345678901234567890}}")
                .when().post("/api/decisions").then().statusCode(400)
                .body("errors[0].code", org.hamcrest.Matchers.equalTo("out_of_range"))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("'12345678901234567890' is outside the allowed range"));
        as(PRESALES).contentType(ContentType.JSON).body("{\"answers\": {\"monthly_calls\": 1e6, \"price_per_million_input_tokens\": 0.0000000001}}")
                .when().post("/api/decisions").then().statusCode(201)
                .body("answers.monthly_calls", org.hamcrest.Matchers.equalTo(1000000));
    }

    @Test
    void hostileNumbersWhereTextIsDueAreRefusedToo() {
        warmUp(ADMIN);
        for (String number : List.of("1e999999999", "1e-999999999", "9".repeat(2_000))) {
            RawHttp.Answer r = RawHttp.postJson("/api/accounts", ADMIN, "{\"name\": " + number + ", \"roles\": [\"presales\"]}");
            assertThat(r.status()).as(shown(number)).isEqualTo(400);
            assertThat(r.millis()).as(shown(number)).isLessThan(1_000);
            assertThat(r.body().length).as(shown(number)).isLessThanOrEqualTo(1_024);
            assertThat(r.error("field")).as(shown(number)).isEqualTo("name");
        }
    }

    @Test
    void hostileNumbersTypedIntoTheFormAreShownNextToTheirFieldAndStoreNothing() {
        PageSession presales = PageSession.as(PRESALES);
        presales.get("/triage");
        presales.post("/triage", Map.of("monthly_calls", "-1"));
        long before = storedDecisions();
        for (String number : List.of("1e10000000", "1e999999999", "1e-999999999", "9".repeat(2_000), "9".repeat(200_000),
                "1,000,000,000,000,000,000,000,000")) {
            long start = System.nanoTime();
            Response r = presales.post("/triage", Map.of("monthly_calls", number, "task_type", "classification"));
            assertThat(r.statusCode()).as(shown(number)).isEqualTo(400);
            assertThat((System.nanoTime() - start) / 1_000_000).as(shown(number) + " took").isLessThan(1_000);
            assertThat(r.asString()).as(shown(number)).contains("too many digits").contains("monthly_calls");
        }
        assertThat(storedDecisions()).isEqualTo(before);
    }

    /** The first request of an account pays for its password check (bcrypt) and a cold JIT; time the ones after. */
    static void warmUp(String account) {
        for (int i = 0; i < 3; i++) {
            RawHttp.postJson("/api/decisions", account, "{\"answers\": {\"monthly_calls\": 1e99}}");
        }
    }

    static String shown(String number) {
        return number.length() > 40 ? number.substring(0, 20) + "…(" + number.length() + " characters)" : number;
    }

    static long storedDecisions() {
        return as(AUDITOR).when().get("/api/audit/chain").then().statusCode(200).extract().jsonPath().getLong("records");
    }
}

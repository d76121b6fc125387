package io.triage.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.triage.testing.PageSession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/** A query parameter that is not what it should be gets 400 naming it, never 404, 500 or a silent 200. */
@QuarkusTest
class QueryParametersTest {

    private static final Map<String, List<String>> BAD = Map.of(
            "limit", List.of("abc", "1e3", "999999999999", "0", "-1", "201", "1.5", "0x10", "２０", "+5", "9".repeat(2_000)),
            "before", List.of("abc", "-5", "1e3", "99999999999999999999", "1.0", "9".repeat(2_000)),
            "from", List.of("-999999999-01-01", "+10000-01-01", "2026-13-01", "2026-02-30", "yesterday", "1969-12-31",
                    "2026-11-28T25:00:00Z", "2026-11-28T10:00:00+01:00", "20261128"),
            "to", List.of("-999999999-01-01", "99999-01-01", "2026-00-10", "tomorrow"),
            "code", List.of("rag", "<script>", "RAG;DROP", "A".repeat(65)),
            "user", List.of("Bad Name", "x", "a/b", "a".repeat(65)));

    @Test
    void badListParametersAreRefusedNamingTheParameter() {
        BAD.forEach((parameter, values) -> {
            for (String value : values) {
                for (String role : List.of(AUDITOR, PRESALES)) {
                    Response r = as(role).queryParam(parameter, value).when().get("/api/decisions");
                    assertThat(r.statusCode()).as(role + " " + parameter + "=" + shorten(value)).isEqualTo(400);
                    assertThat(r.contentType()).startsWith("application/problem+json");
                    assertThat(r.jsonPath().getList("errors.field")).as(parameter + "=" + shorten(value)).containsExactly(parameter);
                    assertThat(r.asByteArray().length).as(parameter + "=" + shorten(value)).isLessThanOrEqualTo(1_024);
                }
            }
        });
    }

    @Test
    void theAccessLogAndTheWindowsOfBulkReplayAndImpactCheckTheirParametersToo() {
        for (String limit : List.of("abc", "1e3", "999999999999")) {
            as(AUDITOR).queryParam("limit", limit).when().get("/api/audit/access").then().statusCode(400)
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("limit"));
        }
        as(AUDITOR).queryParam("before", "x").when().get("/api/audit/access").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("before"));
        as(AUDITOR).contentType(ContentType.JSON).queryParam("from", "-999999999-01-01").when().post("/api/audit/replay")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("from"));
        String active = as(POLICY_OWNER).when().get("/api/rulesets/active").then().extract().path("version");
        as(POLICY_OWNER).contentType(ContentType.JSON).queryParam("to", "+10000-01-01").when().post("/api/rulesets/" + active + "/impact")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("to"));
        as(AUDITOR).contentType(ContentType.JSON).queryParam("ruleset", "latest")
                .when().post("/api/decisions/00000000-0000-0000-0000-000000000000/replay")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("ruleset"));
    }

    @Test
    void goodParametersStillWork() {
        as(AUDITOR).queryParam("limit", "200").queryParam("from", "2026-01-01").queryParam("to", "9999-12-31")
                .queryParam("code", "RAG").queryParam("user", "presales").queryParam("before", "999999999")
                .when().get("/api/decisions").then().statusCode(200);
        as(AUDITOR).queryParam("from", "2026-11-28T10:00:00Z").queryParam("to", "2026-11-28T10:00:00.5Z")
                .when().get("/api/decisions").then().statusCode(200);
        as(AUDITOR).queryParam("limit", "").when().get("/api/decisions").then().statusCode(200);
    }

    @Test
    void pagesAnswerBadParametersWithAnErrorPageNotANotFound() {
        PageSession presales = PageSession.as(PRESALES);
        assertThat(presales.get("/triage/decisions?before=abc").statusCode()).isEqualTo(400);
        PageSession auditor = PageSession.as(AUDITOR);
        assertThat(auditor.get("/audit/access?before=1e3").statusCode()).isEqualTo(400);
        assertThat(auditor.get("/audit?from=-999999999-01-01").statusCode()).isEqualTo(400);
        assertThat(auditor.get("/audit?before=abc").asString()).contains("is not a cursor");
        Response login = io.restassured.RestAssured.given().get("/login?wait=abc");
        assertThat(login.statusCode()).isEqualTo(400);
        assertThat(login.asString()).contains("wait");
    }

    private static String shorten(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "…" : s;
    }
}

package io.triage.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.POLICY_OWNER;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role matrix of api.md, checked for every endpoint the application itself lists in its
 * OpenAPI document: anonymous → 401, every other role → 403, every allowed role gets through.
 * An endpoint added without a row here fails {@link #everyEndpointHasARowInTheMatrix()}.
 */
@QuarkusTest
class RoleMatrixTest {

    private static final Set<String> ANY = Set.of(PRESALES, POLICY_OWNER, AUDITOR, ADMIN);

    /** "METHOD path" → roles allowed. The contract, written down once. */
    static final Map<String, Set<String>> MATRIX = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /api/questionnaire", ANY),
            Map.entry("POST /api/decisions", Set.of(PRESALES)),
            Map.entry("GET /api/decisions", Set.of(PRESALES, AUDITOR)),
            Map.entry("GET /api/decisions/{id}", Set.of(PRESALES, AUDITOR)),
            Map.entry("POST /api/decisions/{id}/replay", Set.of(AUDITOR)),
            Map.entry("POST /api/decisions/preview", Set.of(PRESALES)),
            Map.entry("GET /api/decisions/{id}/what-would-change", Set.of(PRESALES, AUDITOR)),
            Map.entry("GET /api/decisions/{id}/ask-next", Set.of(PRESALES, AUDITOR)),
            Map.entry("GET /api/decisions/{id}/export", Set.of(AUDITOR)),
            Map.entry("GET /api/audit/chain", Set.of(AUDITOR)),
            Map.entry("POST /api/audit/replay", Set.of(AUDITOR)),
            Map.entry("GET /api/audit/access", Set.of(AUDITOR)),
            Map.entry("GET /api/accounts", Set.of(ADMIN)),
            Map.entry("POST /api/accounts", Set.of(ADMIN)),
            Map.entry("POST /api/accounts/{name}/disable", Set.of(ADMIN)),
            Map.entry("POST /api/accounts/{name}/enable", Set.of(ADMIN)),
            Map.entry("POST /api/accounts/{name}/password", Set.of(ADMIN)),
            Map.entry("POST /api/accounts/{name}/roles", Set.of(ADMIN)),
            Map.entry("GET /api/rulesets", Set.of(POLICY_OWNER, AUDITOR)),
            Map.entry("POST /api/rulesets", Set.of(POLICY_OWNER)),
            Map.entry("GET /api/rulesets/active", ANY),
            Map.entry("GET /api/rulesets/activations", Set.of(POLICY_OWNER, AUDITOR)),
            Map.entry("GET /api/rulesets/attempts", Set.of(POLICY_OWNER, AUDITOR)),
            Map.entry("GET /api/rulesets/disk", Set.of(POLICY_OWNER, AUDITOR)),
            Map.entry("GET /api/rulesets/{version}", Set.of(POLICY_OWNER, AUDITOR)),
            Map.entry("GET /api/rulesets/{version}/source", Set.of(POLICY_OWNER, AUDITOR)),
            Map.entry("POST /api/rulesets/{version}/approve", Set.of(POLICY_OWNER)),
            Map.entry("POST /api/rulesets/{version}/activate", Set.of(POLICY_OWNER)),
            Map.entry("POST /api/rulesets/{version}/impact", Set.of(POLICY_OWNER)),
            Map.entry("GET /api/rulesets/{version}/diff", Set.of(POLICY_OWNER, AUDITOR)),
            Map.entry("POST /api/rulesets/{version}/try", Set.of(POLICY_OWNER)),
            Map.entry("POST /api/jobs", Set.of(POLICY_OWNER, AUDITOR)),
            Map.entry("GET /api/jobs", Set.of(POLICY_OWNER, AUDITOR)),
            Map.entry("GET /api/jobs/{id}", Set.of(POLICY_OWNER, AUDITOR)),
            Map.entry("POST /api/jobs/{id}/cancel", Set.of(POLICY_OWNER, AUDITOR)),
            Map.entry("GET /api/me", ANY),
            Map.entry("GET /api/status", Set.of(POLICY_OWNER, AUDITOR, ADMIN)),
            Map.entry("POST /api/me/password", ANY)));

    /** Paths outside the REST resources, protected by HTTP permissions. */
    static final Map<String, Set<String>> OTHER_PATHS = Map.of(
            "GET /q/metrics", Set.of(ADMIN),
            "GET /q/openapi", ANY);

    private static Set<String> endpoints() {
        JsonPath openapi = as(AUDITOR).when().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Set<String> endpoints = new TreeSet<>();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "delete", "patch").contains(m))
                .forEach(m -> endpoints.add(m.toUpperCase() + " " + path)));
        return endpoints;
    }

    @Test
    void everyEndpointHasARowInTheMatrix() {
        Set<String> listed = endpoints();
        assertThat(listed).as("endpoints with no row in the role matrix").isSubsetOf(MATRIX.keySet());
        assertThat(MATRIX.keySet()).as("matrix rows for endpoints that no longer exist").isSubsetOf(listed);
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAdmitsExactlyItsRoles() {
        Map<String, Set<String>> all = new TreeMap<>(MATRIX);
        all.putAll(OTHER_PATHS);
        List<DynamicTest> tests = new ArrayList<>();
        all.forEach((endpoint, allowed) -> tests.add(DynamicTest.dynamicTest(endpoint, () -> {
            assertThat(call(RestAssured.given(), endpoint).statusCode()).as("anonymous " + endpoint).isEqualTo(401);
            for (String role : Roles.ALL) {
                int status = call(as(role), endpoint).statusCode();
                if (allowed.contains(role)) {
                    assertThat(status).as(role + " " + endpoint).isNotIn(401, 403);
                } else {
                    assertThat(status).as(role + " " + endpoint).isEqualTo(403);
                }
            }
        })));
        return tests.stream();
    }

    @Test
    void healthNeedsNoLogin() {
        RestAssured.given().when().get("/q/health/ready").then().statusCode(200);
        RestAssured.given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aWrongPasswordIsUnauthorizedWithABasicChallenge() {
        RestAssured.given().auth().preemptive().basic(AUDITOR, "not-the-password").when().get("/api/audit/chain")
                .then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.startsWithIgnoringCase("basic realm="));
    }

    /** Calls an endpoint with harmless arguments: unknown ids and names, empty bodies. */
    private static Response call(RequestSpecification request, String endpoint) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1)
                .replace("{id}", "00000000-0000-0000-0000-000000000000")
                .replace("{name}", "nobody-here")
                .replace("{version}", "sha256:" + "0".repeat(64));
        return method.equals("GET") ? request.when().get(path)
                : request.contentType(ContentType.JSON).body("{}").when().post(path);
    }
}

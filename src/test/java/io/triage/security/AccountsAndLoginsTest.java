package io.triage.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.triage.testing.FromAddress;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AccountsAndLoginsTest {

    private static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String createAccount(String name, String role) {
        return as(ADMIN).contentType(ContentType.JSON).body(Map.of("name", name, "roles", List.of(role)))
                .when().post("/api/accounts")
                .then().statusCode(201)
                .body("name", equalTo(name))
                .body("roles", equalTo(List.of(role)))
                .body("password", matchesPattern("[A-Za-z0-9]{20}"))
                .extract().path("password");
    }

    private static RequestSpecification login(String name, String password) {
        return RestAssured.given().auth().preemptive().basic(name, password);
    }

    private static List<Map<String, Object>> accessLog() {
        return as(AUDITOR).when().get("/api/audit/access?limit=200").then().statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void anAdminAddsDisablesEnablesAndResetsAccountsAndEveryChangeIsLogged() {
        String name = uniqueName("analyst");
        String password = createAccount(name, AUDITOR);
        login(name, password).when().get("/api/audit/chain").then().statusCode(200);
        login(name, password).when().get("/api/accounts").then().statusCode(403);

        as(ADMIN).contentType(ContentType.JSON).when().post("/api/accounts/" + name + "/disable").then().statusCode(200).body("enabled", equalTo(false));
        login(name, password).when().get("/api/audit/chain").then().statusCode(401);
        as(ADMIN).contentType(ContentType.JSON).when().post("/api/accounts/" + name + "/enable").then().statusCode(200).body("enabled", equalTo(true));
        login(name, password).when().get("/api/audit/chain").then().statusCode(200);

        String fresh = as(ADMIN).contentType(ContentType.JSON).body("{\"password\": \"a-long-enough-secret\"}")
                .when().post("/api/accounts/" + name + "/password")
                .then().statusCode(200).extract().path("password");
        assertThat(fresh).isEqualTo("a-long-enough-secret");
        login(name, password).when().get("/api/audit/chain").then().statusCode(401);
        login(name, fresh).when().get("/api/audit/chain").then().statusCode(200);

        as(ADMIN).when().get("/api/accounts").then().statusCode(200)
                .body("find { it.name == '" + name + "' }.roles", equalTo(List.of(AUDITOR)))
                .body("find { it.name == '" + name + "' }.passwordHash", nullValue());

        List<Map<String, Object>> log = accessLog();
        assertThat(log).filteredOn(e -> name.equals(e.get("subject")) && ADMIN.equals(e.get("actor")))
                .extracting(e -> e.get("action"))
                .contains("account_created", "account_disabled", "account_enabled", "password_reset");
        assertThat(log).filteredOn(e -> name.equals(e.get("subject")) && "login_failed".equals(e.get("action")))
                .extracting(e -> e.get("detail")).contains("account disabled", "wrong password");
        assertThat(log).filteredOn(e -> name.equals(e.get("subject")))
                .allSatisfy(e -> assertThat(e.get("at")).isNotNull());
    }

    @Test
    void anyoneChangesTheirOwnPasswordGivenTheCurrentOne() {
        String name = uniqueName("owner");
        String password = createAccount(name, Roles.POLICY_OWNER);
        login(name, password).when().get("/api/me").then().statusCode(200)
                .body("name", equalTo(name)).body("roles", equalTo(List.of(Roles.POLICY_OWNER)));
        login(name, password).contentType(ContentType.JSON).body(Map.of("current", "not-it", "new", "short"))
                .when().post("/api/me/password")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("current", "new"));
        login(name, password).contentType(ContentType.JSON).body(Map.of("current", password, "new", "my own long passphrase"))
                .when().post("/api/me/password").then().statusCode(204);
        login(name, password).when().get("/api/me").then().statusCode(401);
        login(name, "my own long passphrase").when().get("/api/me").then().statusCode(200);
        assertThat(accessLog()).filteredOn(e -> name.equals(e.get("subject")))
                .extracting(e -> e.get("action")).contains("password_changed");
    }

    @Test
    void unknownNamesFailLikeWrongPasswordsAndAreLogged() {
        String ghost = uniqueName("ghost");
        FromAddress.basic("127.0.0.11", ghost, "whatever-password").when().get("/api/decisions").then().statusCode(401);
        assertThat(accessLog()).filteredOn(e -> ghost.equals(e.get("subject")))
                .extracting(e -> e.get("detail")).containsExactly("unknown account");
    }

    @Test
    void anAdminChangesRolesAndTheNewRolesApplyAtOnce() {
        String name = uniqueName("mover");
        String password = createAccount(name, AUDITOR);
        login(name, password).when().get("/api/audit/chain").then().statusCode(200);
        as(ADMIN).contentType(ContentType.JSON).body(Map.of("roles", List.of(PRESALES)))
                .when().post("/api/accounts/" + name + "/roles")
                .then().statusCode(200).body("roles", equalTo(List.of(PRESALES)));
        // the password remembered with the old roles is forgotten: the next request has the new ones
        login(name, password).when().get("/api/audit/chain").then().statusCode(403);
        login(name, password).when().get("/api/decisions").then().statusCode(200);
        assertThat(accessLog()).filteredOn(e -> name.equals(e.get("subject")) && "roles_changed".equals(e.get("action")))
                .extracting(e -> e.get("detail")).containsExactly("roles auditor -> presales");

        as(ADMIN).contentType(ContentType.JSON).body(Map.of("roles", List.of("wizard")))
                .when().post("/api/accounts/" + name + "/roles").then().statusCode(400).body("errors[0].code", equalTo("unknown_role"));
        as(ADMIN).contentType(ContentType.JSON).body(Map.of("roles", List.of(AUDITOR)))
                .when().post("/api/accounts/" + ADMIN + "/roles").then().statusCode(400).body("errors[0].code", equalTo("last_admin"));
    }

    @Test
    void presalesSeeOnlyTheirOwnDecisions() {
        String other = uniqueName("colleague");
        String otherPassword = createAccount(other, PRESALES);
        String mine = as(PRESALES).contentType(ContentType.JSON).body("{\"answers\": {\"task_type\": \"extraction\"}}")
                .when().post("/api/decisions").then().statusCode(201).body("submittedBy", equalTo(PRESALES)).extract().path("id");
        String theirs = login(other, otherPassword).contentType(ContentType.JSON).body("{\"answers\": {\"task_type\": \"summarization\"}}")
                .when().post("/api/decisions").then().statusCode(201).body("submittedBy", equalTo(other)).extract().path("id");

        login(other, otherPassword).when().get("/api/decisions/" + mine).then().statusCode(404);
        login(other, otherPassword).when().get("/api/decisions/" + theirs).then().statusCode(200);
        JsonPath list = login(other, otherPassword).when().get("/api/decisions?limit=200&user=" + PRESALES)
                .then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("items.id")).containsExactly(theirs);
        assertThat(list.getList("items.submittedBy")).containsOnly(other);

        as(AUDITOR).when().get("/api/decisions/" + mine).then().statusCode(200);
        assertThat(as(AUDITOR).when().get("/api/decisions?limit=200&user=" + other).then().extract().jsonPath()
                .getList("items.id")).containsExactly(theirs);
    }

    @Test
    void badAccountRequestsNameEveryOffendingField() {
        as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"X\", \"roles\": [\"wizard\"], \"password\": \"short\", \"email\": \"x\"}")
                .when().post("/api/accounts")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("email"));
        as(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"X\", \"roles\": [\"wizard\"], \"password\": \"short\"}")
                .when().post("/api/accounts")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("name", "roles", "password"));
        as(ADMIN).contentType(ContentType.JSON).body(Map.of("name", PRESALES, "roles", List.of(PRESALES)))
                .when().post("/api/accounts")
                .then().statusCode(400).body("errors[0].code", equalTo("exists"));
    }

    @Test
    void theLastEnabledAdminCannotBeDisabled() {
        as(ADMIN).contentType(ContentType.JSON).when().post("/api/accounts/" + ADMIN + "/disable")
                .then().statusCode(400).body("errors[0].code", equalTo("last_admin"));
        as(ADMIN).when().get("/api/accounts").then().body("find { it.name == 'admin' }.enabled", equalTo(true));
    }

    @Test
    void oversizedBodiesAreRefusedWith413() throws Exception {
        String big = "{\"answers\": {\"task_type\": \"" + "x".repeat(300 * 1024) + "\"}}";
        as(PRESALES).contentType(ContentType.JSON).body(big).when().post("/api/decisions")
                .then().statusCode(413).contentType("application/problem+json");

        // without a Content-Length (chunked), the resource checks what it read
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/decisions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (PRESALES + ":" + io.triage.testing.Accounts.password(PRESALES)).getBytes()))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes())))
                .build();
        assertThat(client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);

        as(AUDITOR).when().get("/api/decisions?limit=1").then().statusCode(200).body("items", hasSize(org.hamcrest.Matchers.lessThanOrEqualTo(1)));
    }
}

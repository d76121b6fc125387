package io.triage.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.triage.testing.PageSession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chosen password is refused, saying why and changing nothing, when bcrypt would ignore part of
 * it (over 72 bytes), when it is one of the passwords guessers try first, or when it contains the
 * account's name; on creating an account, resetting one, changing one's own, and on the page.
 */
@QuarkusTest
class PasswordRulesTest {

    private static final String GOOD = "tidal orbit lantern 42";

    private static String newName() {
        return "pw-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response create(String name, String password) {
        return as(ADMIN).contentType(ContentType.JSON).body(Map.of("name", name, "roles", List.of(PRESALES), "password", password))
                .when().post("/api/accounts");
    }

    private static int login(String name, String password) {
        return RestAssured.given().auth().preemptive().basic(name, password).when().get("/api/me").statusCode();
    }

    @Test
    void passwordsLongerThanBcryptReadsAreRefused() {
        for (String tooLong : List.of("x".repeat(73), "ä".repeat(37), "🔑".repeat(19), GOOD + " ".repeat(60))) {
            String name = newName();
            Response r = create(name, tooLong);
            assertThat(r.statusCode()).as(tooLong).isEqualTo(400);
            assertThat(r.jsonPath().getList("errors.code")).as(tooLong).containsExactly("too_long");
            assertThat(r.jsonPath().getString("errors[0].message")).contains("72 bytes").doesNotContain(tooLong);
            assertThat(login(name, tooLong)).isEqualTo(401);
        }
        assertThat(create(newName(), "k".repeat(36) + "ß".repeat(18)).statusCode()).as("72 bytes, 54 characters").isEqualTo(201);
        String name = newName();
        String exactly72 = "tidal-orbit-".repeat(6);
        assertThat(create(name, exactly72).statusCode()).isEqualTo(201);
        assertThat(login(name, exactly72)).isEqualTo(200);
        // what bcrypt alone would accept: the stored password with anything after it
        assertThat(login(name, exactly72 + "anything")).isEqualTo(401);
    }

    @Test
    void theCommonestPasswordsAreRefusedWhateverTheirCase() {
        for (String common : List.of("123qweasdzxc", "1qaz2wsx3edc", "Qwerty123456", "PASSWORDPASSWORD", "123456789012")) {
            String name = newName();
            Response r = create(name, common);
            assertThat(r.statusCode()).as(common).isEqualTo(400);
            assertThat(r.jsonPath().getList("errors.code")).as(common).containsExactly("too_common");
            assertThat(r.jsonPath().getString("errors[0].message")).as(common).contains("most common").doesNotContain(common);
            assertThat(login(name, common)).isEqualTo(401);
        }
    }

    @Test
    void aPasswordContainingTheAccountNameIsRefused() {
        String name = newName();
        for (String withName : List.of(name + "-is-my-password", "My " + name.toUpperCase() + " secret!", "x" + name + "x" + GOOD)) {
            Response r = create(name, withName);
            assertThat(r.statusCode()).as(withName).isEqualTo(400);
            assertThat(r.jsonPath().getList("errors.code")).as(withName).containsExactly("contains_name");
        }
        assertThat(create(name, GOOD).statusCode()).isEqualTo(201);
        // reset by an admin and a change of one's own are held to the same rules
        as(ADMIN).contentType(ContentType.JSON).body(Map.of("password", "Q" + name + "-2026-spring"))
                .when().post("/api/accounts/" + name + "/password").then().statusCode(400)
                .body("errors.code", org.hamcrest.Matchers.contains("contains_name"));
        RestAssured.given().auth().preemptive().basic(name, GOOD).contentType(ContentType.JSON)
                .body(Map.of("current", GOOD, "new", "qwertyuiopasdfghjkl"))
                .when().post("/api/me/password").then().statusCode(400)
                .body("errors.code", org.hamcrest.Matchers.contains("too_common"));
        RestAssured.given().auth().preemptive().basic(name, GOOD).contentType(ContentType.JSON)
                .body(Map.of("current", GOOD, "new", name + " " + "z".repeat(80)))
                .when().post("/api/me/password").then().statusCode(400)
                .body("errors.code", org.hamcrest.Matchers.containsInAnyOrder("contains_name", "too_long"));
        assertThat(login(name, GOOD)).isEqualTo(200);
    }

    @Test
    void theAccountPageShowsWhyAPasswordIsRefused() {
        PageSession admin = PageSession.as(ADMIN);
        admin.get("/admin/accounts");
        String name = newName();
        String page = admin.post("/admin/accounts", "name", name, "roles", PRESALES, "password", "1qaz2wsx3edc4rfv")
                .then().statusCode(400).extract().asString();
        assertThat(page).contains("id=\"password-error\"").contains("most common");
        page = admin.post("/admin/accounts", "name", name, "roles", PRESALES, "password", "é".repeat(40))
                .then().statusCode(400).extract().asString();
        assertThat(page).contains("id=\"password-error\"").contains("72 bytes");
        page = admin.post("/admin/accounts", "name", name, "roles", PRESALES, "password", "hello " + name + " there")
                .then().statusCode(400).extract().asString();
        assertThat(page).contains("id=\"password-error\"").contains("account name");
        assertThat(as(ADMIN).when().get("/api/accounts").asString()).doesNotContain(name);
    }
}

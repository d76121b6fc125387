package io.triage.web.admin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.triage.testing.PageSession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.triage.security.Roles.ADMIN;
import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;

/** The admin's account pages, driven as a browser would: form login, cookies, CSRF token from the page. */
@QuarkusTest
class AccountPagesTest {

    private static final Pattern NEW_PASSWORD = Pattern.compile("id=\"new-password\">([^<]+)<");

    private static String newName() {
        return "web-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String shownPassword(String page) {
        Matcher m = NEW_PASSWORD.matcher(page);
        assertThat(m.find()).as("a password in #new-password").isTrue();
        return m.group(1);
    }

    private static Map<String, Object> account(String name) {
        JsonPath list = as(ADMIN).when().get("/api/accounts").then().statusCode(200).extract().jsonPath();
        return list.getMap("find { it.name == '" + name + "' }");
    }

    @Test
    void anAdminAddsDisablesEnablesAndResetsAnAccount() {
        PageSession admin = PageSession.as(ADMIN);
        String name = newName();
        String list = admin.get("/admin/accounts").then().statusCode(200).extract().asString();
        assertThat(list).contains("id=\"accounts\"").contains("<th scope=\"row\">admin</th>").contains("id=\"add-account\"");

        String added = admin.post("/admin/accounts", "name", name, "roles", AUDITOR, "roles", PRESALES, "password", "")
                .then().statusCode(200).header("Cache-Control", "no-store").extract().asString();
        String password = shownPassword(added);
        assertThat(account(name)).containsEntry("roles", List.of(AUDITOR, PRESALES)).containsEntry("enabled", true);
        assertThat(PageSession.login(name, password).get("/audit").statusCode()).isEqualTo(200);
        // shown once: the list never shows it again
        assertThat(admin.get("/admin/accounts").asString()).contains("<th scope=\"row\">" + name + "</th>").doesNotContain(password);

        admin.post("/admin/accounts/" + name + "/disable").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/admin/accounts?changed=" + name + "&now=disabled"));
        assertThat(account(name)).containsEntry("enabled", false);
        assertThat(PageSession.tryLogin(name, password).loggedIn()).isFalse();
        assertThat(admin.get("/admin/accounts?changed=" + name + "&now=disabled").asString())
                .contains("id=\"notice\"").contains("action=\"/admin/accounts/" + name + "/enable\"");

        admin.post("/admin/accounts/" + name + "/enable").then().statusCode(303);
        assertThat(account(name)).containsEntry("enabled", true);
        assertThat(PageSession.tryLogin(name, password).loggedIn()).isTrue();

        admin.get("/admin/accounts");
        String reset = admin.post("/admin/accounts/" + name + "/password").then().statusCode(200).extract().asString();
        String fresh = shownPassword(reset);
        assertThat(fresh).isNotEqualTo(password);
        assertThat(PageSession.tryLogin(name, password).loggedIn()).isFalse();
        assertThat(PageSession.tryLogin(name, fresh).loggedIn()).isTrue();
    }

    @Test
    void aGivenPasswordIsUsed() {
        PageSession admin = PageSession.as(ADMIN);
        admin.get("/admin/accounts");
        String name = newName();
        admin.post("/admin/accounts", "name", name, "roles", PRESALES, "password", "a long enough passphrase")
                .then().statusCode(200);
        assertThat(PageSession.tryLogin(name, "a long enough passphrase").loggedIn()).isTrue();
    }

    @Test
    void badInputIsShownWithWhatToFixAndNothingChanges() {
        PageSession admin = PageSession.as(ADMIN);
        admin.get("/admin/accounts");
        int before = as(ADMIN).when().get("/api/accounts").then().extract().jsonPath().getList("$").size();

        String bad = admin.post("/admin/accounts", "name", "Bad Name", "password", "short").then().statusCode(400).extract().asString();
        assertThat(bad).contains("id=\"name-error\"").contains("is not a valid account name")
                .contains("id=\"roles-error\"").contains("give at least one role")
                .contains("id=\"password-error\"").contains("at least").contains("value=\"Bad Name\"")
                .doesNotContain("id=\"new-password\"");

        String duplicate = admin.post("/admin/accounts", "name", ADMIN, "roles", ADMIN).then().statusCode(400).extract().asString();
        assertThat(duplicate).contains("id=\"name-error\"").contains("exists already");
        assertThat(as(ADMIN).when().get("/api/accounts").then().extract().jsonPath().getList("$")).hasSize(before);
    }

    @Test
    void theLastAdminCannotBeDisabled() {
        PageSession admin = PageSession.as(ADMIN);
        admin.get("/admin/accounts");
        String page = admin.post("/admin/accounts/" + ADMIN + "/disable").then().statusCode(400).extract().asString();
        assertThat(page).contains("id=\"errors\"").contains("is the last enabled admin; enable another admin first");
        assertThat(account(ADMIN)).containsEntry("enabled", true);
    }

    @Test
    void onlyAdminsSeeTheAccountPages() {
        PageSession.as(PRESALES).get("/admin/accounts").then().statusCode(403);
        PageSession.as(AUDITOR).get("/admin/accounts").then().statusCode(403);
        PageSession auditor = PageSession.as(AUDITOR);
        auditor.get("/audit");
        auditor.post("/admin/accounts", "name", newName(), "roles", AUDITOR).then().statusCode(403);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        String name = newName();
        PageSession admin = PageSession.as(ADMIN);
        admin.get("/admin/accounts");
        admin.postWithoutToken("/admin/accounts", "name", name, "roles", PRESALES).then().statusCode(403);
        assertThat(account(name)).isNull();
        admin.postWithoutToken("/admin/accounts/" + AUDITOR + "/disable").then().statusCode(403);
        assertThat(account(AUDITOR)).containsEntry("enabled", true);
        admin.post("/admin/accounts", "name", name, "roles", PRESALES).then().statusCode(200);
        assertThat(account(name)).isNotNull();
    }
}

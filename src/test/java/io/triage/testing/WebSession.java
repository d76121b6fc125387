package io.triage.testing;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like session for page tests over plain HTTP: logs in through the login form, keeps
 * the cookies, and knows the CSRF token the pages put into their forms.
 */
public final class WebSession {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private final Map<String, String> cookies = new HashMap<>();

    private WebSession() {
    }

    public static WebSession logIn(String name) {
        return logIn(name, Accounts.password(name));
    }

    public static WebSession logIn(String name, String password) {
        WebSession session = new WebSession();
        session.remember(RestAssured.given().redirects().follow(false).get("/login"));
        Response login = session.request().formParam("j_username", name).formParam("j_password", password)
                .post("/j_security_check");
        session.remember(login);
        String location = login.header("Location");
        if (login.statusCode() != 302 || location == null || location.contains("/login")) {
            throw new IllegalStateException("form login as " + name + " failed: " + login.statusCode() + " " + location);
        }
        return session;
    }

    /** A request carrying this session's cookies; redirects are not followed so tests see them. */
    public RequestSpecification request() {
        return RestAssured.given().redirects().follow(false).cookies(cookies);
    }

    public Response get(String path) {
        return remember(request().get(path));
    }

    /** Posts a form with this session's CSRF token, as the page's own form would. */
    public Response post(String path, Map<String, ?> fields) {
        String token = csrfToken();   // first: it may set the cookie the request must carry
        return remember(request().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(fields).formParam("csrf-token", token).post(path));
    }

    /** The token the pages embed in their forms (fetched from the start page if not seen yet). */
    public String csrfToken() {
        String token = cookies.get("triage-csrf");
        if (token == null) {
            Matcher m = TOKEN.matcher(get("/").asString());
            if (!m.find()) {
                throw new IllegalStateException("the start page has no CSRF token");
            }
            token = m.group(1);
        }
        return token;
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    private Response remember(Response response) {
        response.getDetailedCookies().asList().forEach(c -> {
            if (c.getMaxAge() == 0) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
        return response;
    }
}

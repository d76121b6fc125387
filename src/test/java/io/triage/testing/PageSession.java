package io.triage.testing;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser for page tests: logs in through the login form, keeps its cookies (the session and the
 * CSRF cookie) and posts forms with the CSRF token it read from a page, as a person's browser would.
 * Redirects are not followed, so tests see them.
 */
public final class PageSession {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private final Map<String, String> cookies = new HashMap<>();
    private final String address;
    private String csrfToken;

    private PageSession(String address) {
        this.address = address;
    }

    private PageSession() {
        this(null);
    }

    /** A browser that has not logged in yet, connecting from {@code address} (see {@link FromAddress}). */
    public static PageSession from(String address) {
        return new PageSession(address);
    }

    /** Logs in with the login form; fails if the login does not succeed. */
    public static PageSession login(String name, String password) {
        PageSession session = tryLogin(name, password);
        if (!session.cookies.containsKey("triage-session")) {
            throw new AssertionError("the login of " + name + " failed");
        }
        return session;
    }

    /** Logs in with the login form; the session has no login cookie if it failed. */
    public static PageSession tryLogin(String name, String password) {
        return new PageSession().logIn(name, password);
    }

    /** Fills in and sends the login page's form (with its CSRF token); returns the answer, a redirect. */
    public Response submitLogin(String name, String password) {
        get("/login");
        return keep(request().contentType(ContentType.URLENC).formParam("csrf-token", csrfToken)
                .formParam("j_username", name).formParam("j_password", password)
                .when().post("/j_security_check"));
    }

    private PageSession logIn(String name, String password) {
        submitLogin(name, password);
        return this;
    }

    /** A browser that has not logged in yet. */
    public static PageSession anonymous() {
        return new PageSession();
    }

    /** A first-start account: {@code presales}, {@code auditor}, {@code admin}, {@code policy-owner}. */
    public static PageSession as(String firstStartAccount) {
        return login(firstStartAccount, Accounts.password(firstStartAccount));
    }

    public boolean loggedIn() {
        return cookies.containsKey("triage-session");
    }

    public Response get(String path) {
        Response response = keep(request().when().get(path));
        Matcher m = CSRF_FIELD.matcher(response.asString());
        if (m.find()) {
            csrfToken = m.group(1);
        }
        return response;
    }

    /** Posts a form with the CSRF token of the last page read (or the start page's); fields are name, value, name, value… */
    public Response post(String path, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        if (csrfToken == null) {
            get("/");   // the start page carries the token, as every page does
        }
        form.put("csrf-token", csrfToken);
        return postWithout(path, form, fields);
    }

    /** GETs a page, checks its status and returns its HTML. */
    public String page(String path, int status) {
        Response response = get(path);
        if (response.statusCode() != status) {
            throw new AssertionError("GET " + path + ": expected " + status + ", got " + response.statusCode() + "\n" + response.asString());
        }
        return response.asString();
    }

    /** Posts a form with the CSRF token, fields by name. */
    public Response post(String path, Map<String, String> fields) {
        return post(path, fields.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new));
    }

    /** Posts a multipart form with the CSRF token: text fields, and chosen files by file name (field "file"). */
    public Response upload(String path, Map<String, String> fields, Map<String, String> files) {
        if (csrfToken == null) {
            get("/");
        }
        RequestSpecification request = request().multiPart("csrf-token", csrfToken);
        fields.forEach(request::multiPart);
        files.forEach((name, content) -> request.multiPart("file", name,
                content.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain"));
        return keep(request.when().post(path));
    }

    /** Posts a form without any CSRF token. */
    public Response postWithoutToken(String path, String... fields) {
        return postWithout(path, new LinkedHashMap<>(), fields);
    }

    private Response postWithout(String path, Map<String, String> form, String... fields) {
        RequestSpecification request = request().contentType(ContentType.URLENC.withCharset("UTF-8"));
        form.forEach(request::formParam);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            request.formParam(fields[i], fields[i + 1]);
        }
        return keep(request.when().post(path));
    }

    /** A request with this session's cookies, for requests the helpers above do not cover. */
    public RequestSpecification request() {
        return (address == null ? RestAssured.given() : FromAddress.given(address)).redirects().follow(false).cookies(cookies);
    }

    /** A second browser holding this one's cookies, as someone who copied them would. */
    public PageSession copy() {
        PageSession copy = new PageSession(address);
        copy.cookies.putAll(cookies);
        copy.csrfToken = csrfToken;
        return copy;
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    private Response keep(Response response) {
        for (Cookie c : response.getDetailedCookies()) {
            if (c.getValue() == null || c.getValue().isEmpty() || c.getMaxAge() == 0) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        }
        return response;
    }
}

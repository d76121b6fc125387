package io.triage.web;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The CSRF token of this browser (double submit): a random value kept in an HttpOnly, SameSite
 * cookie and repeated in a hidden field of every form ({@code {inject:csrf.token}}). A page POST
 * is accepted only when the two match ({@link CsrfFilter}); another site can make the browser send
 * the cookie but cannot read it to fill in the field.
 */
@Named("csrf")
@RequestScoped
public class CsrfToken {

    public static final String COOKIE = "triage-csrf";
    public static final String FIELD = "csrf-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RoutingContext request;
    private final SecureCookies cookies;
    private String token;

    CsrfToken(RoutingContext request, SecureCookies cookies) {
        this.request = request;
        this.cookies = cookies;
    }

    public String parameterName() {
        return FIELD;
    }

    /** Whether a form's token is this browser's (the login form is checked before JAX-RS, so not by {@link CsrfFilter}). */
    static boolean matches(Cookie cookie, String field) {
        return cookie != null && field != null && !field.isEmpty()
                && MessageDigest.isEqual(field.getBytes(StandardCharsets.UTF_8), cookie.getValue().getBytes(StandardCharsets.UTF_8));
    }

    /** The browser's token; a new one (set as a cookie with this response) if it has none. */
    public String token() {
        if (token == null) {
            Cookie cookie = request.request().getCookie(COOKIE);
            if (cookie != null && cookie.getValue().length() >= 22) {
                token = cookie.getValue();
            } else {
                byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                request.response().addCookie(cookies.cookie(COOKIE, token, request.request()));
            }
        }
        return token;
    }
}

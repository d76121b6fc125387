package io.triage.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

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
    private String token;

    CsrfToken(RoutingContext request) {
        this.request = request;
    }

    public String parameterName() {
        return FIELD;
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
                request.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT));
            }
        }
        return token;
    }
}

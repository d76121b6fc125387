package io.triage.web;

import io.triage.config.TriageConfig;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one way the pages set cookies: HttpOnly, SameSite=Strict, for the whole site, and Secure
 * whenever {@code triage.security.secure-cookies} is on or the request itself came over TLS.
 */
@ApplicationScoped
public class SecureCookies {

    private final boolean alwaysSecure;

    SecureCookies(TriageConfig config) {
        this.alwaysSecure = config.security().secureCookies();
    }

    public boolean secure(HttpServerRequest request) {
        return alwaysSecure || request.isSSL();
    }

    /** A cookie that lasts as long as the browser keeps it (the server decides how long it counts). */
    public Cookie cookie(String name, String value, HttpServerRequest request) {
        return Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(secure(request));
    }

    /** Tells the browser to drop a cookie. */
    public Cookie expired(String name, HttpServerRequest request) {
        return cookie(name, "", request).setMaxAge(0);
    }
}

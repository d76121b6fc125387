package io.triage.web;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.triage.http.ErrorPage;
import io.triage.security.LoginRefusedException;
import io.triage.security.WebLoginRequest;
import io.triage.security.WebSessionRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The web pages' login, with sessions kept server-side ({@link io.triage.security.WebSessions}):
 * the login form posts to {@value #LOGIN_ACTION}; on success the browser gets a session cookie
 * holding a random token and goes back to the page it first asked for (or the start page); on
 * failure it goes back to the login page, which says why (wrong name or password, wait N
 * seconds, account disabled). A page asked for without a live session sends the browser to the
 * login page. Registered under the scheme "form", which is what the page paths name in
 * application.properties; the API takes HTTP Basic only, and this cookie opens no API path.
 */
@ApplicationScoped
public class WebLoginMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(WebLoginMechanism.class);
    public static final String SESSION_COOKIE = "triage-session";
    /** The page a browser asked for before it was sent to log in. */
    static final String RETURN_COOKIE = "triage-return";
    static final String LOGIN_ACTION = "/j_security_check";
    private static final String SCHEME = "form";

    private final SecureCookies cookies;

    WebLoginMechanism(SecureCookies cookies) {
        this.cookies = cookies;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (context.request().method() == HttpMethod.POST && LOGIN_ACTION.equals(context.normalizedPath())) {
            return logIn(context, identities);
        }
        Cookie session = context.request().getCookie(SESSION_COOKIE);
        if (session == null || session.getValue().isEmpty() || context.normalizedPath().startsWith("/static/")) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new WebSessionRequest(session.getValue()), context))
                .onFailure(AuthenticationFailedException.class).recoverWithItem(() -> {
                    // an ended session is no login at all: the visitor is anonymous, and the browser may forget the cookie
                    context.response().addCookie(cookies.expired(SESSION_COOKIE, context.request()));
                    return null;
                });
    }

    /** Checks the posted form and answers it here (a redirect either way); the request itself stays anonymous. */
    private Uni<SecurityIdentity> logIn(RoutingContext context, IdentityProviderManager identities) {
        context.request().setExpectMultipart(true);
        return Uni.createFrom().emitter(emitter -> {
            context.request().endHandler(ended -> {
                try {
                    MultiMap form = context.request().formAttributes();
                    String name = form.get("j_username");
                    String password = form.get("j_password");
                    if (!CsrfToken.matches(context.request().getCookie(CsrfToken.COOKIE), form.get(CsrfToken.FIELD))) {
                        // a login form that did not come from our login page (login CSRF) or an expired one
                        redirect(context, "/login?expired=true");
                        emitter.complete(null);
                        return;
                    }
                    if (name == null || name.isEmpty() || password == null) {
                        redirect(context, "/login?error=true");
                        emitter.complete(null);
                        return;
                    }
                    Cookie previous = context.request().getCookie(SESSION_COOKIE);
                    WebLoginRequest login = new WebLoginRequest(name, password, previous == null ? null : previous.getValue());
                    identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(login, context))
                            .subscribe().with(identity -> {
                                context.response().addCookie(cookies.cookie(SESSION_COOKIE,
                                        identity.getAttribute(WebLoginRequest.SESSION_TOKEN), context.request()));
                                Cookie back = context.request().getCookie(RETURN_COOKIE);
                                if (back != null) {
                                    context.response().addCookie(cookies.expired(RETURN_COOKIE, context.request()));
                                }
                                redirect(context, returnTo(back));
                                emitter.complete(null);
                            }, failure -> {
                                redirect(context, failurePage(failure));
                                emitter.complete(null);
                            });
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
            context.request().resume();
        });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        String path = context.normalizedPath();
        if (context.request().method() == HttpMethod.GET && ErrorPage.isPage(path) && !path.equals("/login")) {
            context.response().addCookie(cookies.cookie(RETURN_COOKIE,
                    URLEncoder.encode(context.request().uri(), StandardCharsets.UTF_8), context.request()));
        }
        return Uni.createFrom().item(new ChallengeData(302, "Location", "/login"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(WebLoginRequest.class, WebSessionRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.POST, LOGIN_ACTION, SCHEME));
    }

    /** Where a login that failed sends the browser: the login page with the reason. */
    private static String failurePage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LoginRefusedException refused) {
                return refused.reason() == LoginRefusedException.Reason.THROTTLED
                        ? "/login?wait=" + refused.retryAfterSeconds() : "/login?disabled=true";
            }
        }
        if (failure instanceof AuthenticationFailedException) {
            return "/login?error=true";
        }
        LOG.error("the web login could not be checked", failure);
        return "/login?unavailable=true";
    }

    /** The remembered page, if it is a path on this site (never another site: no open redirect). */
    static String returnTo(Cookie cookie) {
        String value;
        try {
            value = cookie == null ? null : URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            value = null;
        }
        if (value == null || !value.startsWith("/") || value.startsWith("//") || value.length() > 2000
                || value.chars().anyMatch(ch -> ch == '\\' || ch < 0x21 || ch > 0x7e)
                || value.startsWith("/login") || value.startsWith(LOGIN_ACTION) || value.startsWith("/logout")) {
            return "/";
        }
        return value;
    }

    private static void redirect(RoutingContext context, String location) {
        context.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
    }
}

package io.triage.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The login form: the name and password are checked in full (throttle, bcrypt; never a remembered
 * password) and a web session is opened at the epoch the account had when its password was checked.
 * The session the browser held before, if any, ends: one browser, one session.
 */
@ApplicationScoped
public class WebLoginIdentityProvider implements IdentityProvider<WebLoginRequest> {

    private final LoginGuard guard;
    private final WebSessions sessions;
    private final ClientAddress clientAddress;

    WebLoginIdentityProvider(LoginGuard guard, WebSessions sessions, ClientAddress clientAddress) {
        this.guard = guard;
        this.sessions = sessions;
        this.clientAddress = clientAddress;
    }

    @Override
    public Class<WebLoginRequest> getRequestType() {
        return WebLoginRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(WebLoginRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        String remote = rc == null ? null : clientAddress.of(rc.request());
        return context.runBlocking(() -> {
            LoginGuard.Identity identity = guard.verify(request.name(), request.password(), remote);
            String token = sessions.open(identity.name(), identity.epoch(), remote)
                    .orElseThrow(() -> new AuthenticationFailedException("the account changed while logging in"));
            if (request.previousToken() != null) {
                sessions.end(request.previousToken());
            }
            return QuarkusSecurityIdentity.builder(DatabaseIdentityProvider.toSecurityIdentity(identity))
                    .addAttribute(WebLoginRequest.SESSION_TOKEN, token)
                    .build();
        });
    }
}

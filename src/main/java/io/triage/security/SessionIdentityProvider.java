package io.triage.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The web login's cookie names a session; each request reads that session and its account from
 * the database, so a session ended on any instance (logout, new password, disabled, new roles,
 * expiry) is refused on the next page, and the roles are always the current ones.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<WebSessionRequest> {

    private final WebSessions sessions;

    SessionIdentityProvider(WebSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<WebSessionRequest> getRequestType() {
        return WebSessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(WebSessionRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> sessions.check(request.token())
                .map(DatabaseIdentityProvider::toSecurityIdentity)
                .orElseThrow(() -> new AuthenticationFailedException("no such session, or it has ended")));
    }
}

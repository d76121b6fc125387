package io.triage.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Name and password (HTTP Basic for the API, the login form for pages) checked against the accounts. */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final LoginGuard guard;

    DatabaseIdentityProvider(LoginGuard guard) {
        this.guard = guard;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String name = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        // A password verified a moment ago is answered from memory on this thread; anything else
        // (database, bcrypt, access log) runs on a worker thread.
        java.util.Optional<LoginGuard.Identity> known = guard.remembered(name, password);
        if (known.isPresent()) {
            return Uni.createFrom().item(toSecurityIdentity(known.get()));
        }
        String remote = remoteAddress(request);
        return context.runBlocking(() -> toSecurityIdentity(guard.authenticate(name, password, remote)));
    }

    private static SecurityIdentity toSecurityIdentity(LoginGuard.Identity identity) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(identity.name()))
                .addRoles(java.util.Set.copyOf(identity.roles()))
                .build();
    }

    private static String remoteAddress(UsernamePasswordAuthenticationRequest request) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (rc == null) {
            return null;
        }
        SocketAddress address = rc.request().remoteAddress();
        return address == null ? null : address.hostAddress();
    }
}

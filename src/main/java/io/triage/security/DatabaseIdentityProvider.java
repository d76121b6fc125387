package io.triage.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;

/** Name and password from HTTP Basic (the API) checked against the accounts. */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final LoginGuard guard;
    private final ClientAddress clientAddress;

    DatabaseIdentityProvider(LoginGuard guard, ClientAddress clientAddress) {
        this.guard = guard;
        this.clientAddress = clientAddress;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String name = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        String remote = rc == null ? null : clientAddress.of(rc.request());
        // A password verified a moment ago from the same address is answered from memory on this
        // thread; anything else (throttle, database, bcrypt, access log) runs on a worker thread.
        Optional<LoginGuard.Identity> known = guard.remembered(name, password, remote);
        if (known.isPresent()) {
            return Uni.createFrom().item(toSecurityIdentity(known.get()));
        }
        return context.runBlocking(() -> toSecurityIdentity(guard.authenticate(name, password, remote)));
    }

    static SecurityIdentity toSecurityIdentity(LoginGuard.Identity identity) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(identity.name()))
                .addRoles(Set.copyOf(identity.roles()))
                .build();
    }
}

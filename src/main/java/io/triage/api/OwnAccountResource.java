package io.triage.api;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.triage.security.AccountService;
import io.triage.security.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The logged-in user's own account: who am I, and change my password. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class OwnAccountResource {

    private final AccountService accounts;
    private final SecurityIdentity identity;
    private final ClientAddress clientAddress;

    OwnAccountResource(AccountService accounts, SecurityIdentity identity, ClientAddress clientAddress) {
        this.accounts = accounts;
        this.identity = identity;
        this.clientAddress = clientAddress;
    }

    @GET
    public Map<String, Object> me() {
        return Map.of("name", identity.getPrincipal().getName(), "roles", new TreeSet<>(identity.getRoles()));
    }

    /** Body {@code {"current": "...", "new": "..."}}; 204 when changed. Ends every web session of the account. */
    @POST
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(String body, @Context HttpServerRequest request) {
        JsonBody json = JsonBody.of(body, List.of("current", "new"));
        accounts.changeOwnPassword(identity.getPrincipal().getName(),
                clientAddress.of(request),
                json.text("current"), json.text("new"));
        return Response.noContent().build();
    }
}

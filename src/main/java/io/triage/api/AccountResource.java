package io.triage.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.triage.security.AccountService;
import io.triage.security.ClientAddress;
import io.triage.security.Roles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * Account management, for admins only. New and reset passwords are returned once, never stored in
 * clear. A new password, new roles or disabling ends the account's web sessions on every instance.
 */
@Path("/api/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AccountResource {

    private final AccountService accounts;
    private final SecurityIdentity identity;
    private final ClientAddress clientAddress;

    AccountResource(AccountService accounts, SecurityIdentity identity, ClientAddress clientAddress) {
        this.accounts = accounts;
        this.identity = identity;
        this.clientAddress = clientAddress;
    }

    @GET
    public List<AccountService.View> list() {
        return accounts.list();
    }

    /** Body {@code {"name", "roles": [...], "password"?}}; without a password one is generated. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body, @Context HttpServerRequest request) {
        JsonBody json = JsonBody.of(body, List.of("name", "roles", "password"));
        AccountService.Issued issued = accounts.create(admin(), remote(request), json.text("name"), json.texts("roles"),
                json.text("password"));
        return Response.status(Response.Status.CREATED).header("Location", "/api/accounts/" + issued.name()).entity(issued).build();
    }

    @POST
    @Path("/{name}/disable")
    public AccountService.View disable(@PathParam("name") String name, @Context HttpServerRequest request) {
        return accounts.setEnabled(admin(), remote(request), name, false);
    }

    @POST
    @Path("/{name}/enable")
    public AccountService.View enable(@PathParam("name") String name, @Context HttpServerRequest request) {
        return accounts.setEnabled(admin(), remote(request), name, true);
    }

    /** Body {@code {"roles": [...]}}: the account's roles from now on. Ends its web sessions. */
    @POST
    @Path("/{name}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccountService.View setRoles(@PathParam("name") String name, String body, @Context HttpServerRequest request) {
        return accounts.setRoles(admin(), remote(request), name, JsonBody.of(body, List.of("roles")).texts("roles"));
    }

    /** Body {@code {"password"?}} or empty; without a password one is generated. */
    @POST
    @Path("/{name}/password")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public AccountService.Issued resetPassword(@PathParam("name") String name, String body, @Context HttpServerRequest request) {
        String password = body == null || body.isBlank() ? null : JsonBody.of(body, List.of("password")).text("password");
        return accounts.resetPassword(admin(), remote(request), name, password);
    }

    private String admin() {
        return identity.getPrincipal().getName();
    }

    private String remote(HttpServerRequest request) {
        return clientAddress.of(request);
    }
}

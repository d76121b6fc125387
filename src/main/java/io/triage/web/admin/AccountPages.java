package io.triage.web.admin;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.http.Html;
import io.triage.security.AccountService;
import io.triage.security.ClientAddress;
import io.triage.security.Roles;
import io.triage.web.PageForm;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.util.List;

/**
 * Admins in the browser: the accounts, adding one, disabling and enabling, changing roles, resetting a password.
 * Every change goes through {@link AccountService}, as {@code /api/accounts} does, and is logged there.
 * A new or reset password is shown once, on the page that answers the POST, and never again.
 */
@Path("/admin/accounts")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ADMIN)
public class AccountPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance accounts(List<AccountService.View> accounts, List<String> roles, AddAccountForm form,
                                                List<String> errors, String notice);

        static native TemplateInstance issued(AccountService.Issued issued, boolean created);
    }

    private final AccountService accounts;
    private final SecurityIdentity identity;
    private final ClientAddress clientAddress;

    AccountPages(AccountService accounts, SecurityIdentity identity, ClientAddress clientAddress) {
        this.accounts = accounts;
        this.identity = identity;
        this.clientAddress = clientAddress;
    }

    /** @param changed and {@code now}: the account just disabled or enabled, for the confirmation */
    @GET
    public TemplateInstance list(@QueryParam("changed") String changed, @QueryParam("now") String now) {
        // only the states this page redirects with, so a crafted link cannot make the page say anything else
        String notice = changed == null ? null
                : "enabled".equals(now) || "disabled".equals(now) ? "Account '" + changed + "' is now " + now + "."
                : "roles".equals(now) ? "The roles of '" + changed + "' are changed; its web sessions have ended." : null;
        return Templates.accounts(accounts.list(), Roles.ALL, AddAccountForm.empty(), List.of(), notice);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@Context HttpServerRequest request) {
        String name = trimmed(PageForm.first("name"));
        List<String> roles = PageForm.fields().getOrDefault("roles", List.of());
        String password = PageForm.first("password");
        try {
            AccountService.Issued issued = accounts.create(admin(), remote(request), name, roles,
                    password == null || password.isEmpty() ? null : password);
            return shownOnce(Templates.issued(issued, true));
        } catch (InvalidInputException e) {
            return Html.page(400, Templates.accounts(accounts.list(), Roles.ALL, AddAccountForm.of(name, roles, e.errors()),
                    messages("The account was not added", e.errors()), null));
        }
    }

    @POST
    @Path("/{name}/disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response disable(@PathParam("name") String name, @Context HttpServerRequest request) {
        return setEnabled(name, false, request);
    }

    @POST
    @Path("/{name}/enable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response enable(@PathParam("name") String name, @Context HttpServerRequest request) {
        return setEnabled(name, true, request);
    }

    /** New roles for an account (the checked boxes of its row); its web sessions end. */
    @POST
    @Path("/{name}/roles")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setRoles(@PathParam("name") String name, @Context HttpServerRequest request) {
        try {
            accounts.setRoles(admin(), remote(request), name, PageForm.fields().getOrDefault("roles", List.of()));
        } catch (InvalidInputException e) {
            return Html.page(400, Templates.accounts(accounts.list(), Roles.ALL, AddAccountForm.empty(),
                    messages("The roles of '" + name + "' were not changed", e.errors()), null));
        }
        return Response.seeOther(UriBuilder.fromPath("/admin/accounts").queryParam("changed", name)
                .queryParam("now", "roles").build()).build();
    }

    /** A generated password, shown once; the reset also ends the throttling of failed logins for the account. */
    @POST
    @Path("/{name}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resetPassword(@PathParam("name") String name, @Context HttpServerRequest request) {
        return shownOnce(Templates.issued(accounts.resetPassword(admin(), remote(request), name, null), false));
    }

    private Response setEnabled(String name, boolean enabled, HttpServerRequest request) {
        try {
            accounts.setEnabled(admin(), remote(request), name, enabled);
        } catch (InvalidInputException e) {
            return Html.page(400, Templates.accounts(accounts.list(), Roles.ALL, AddAccountForm.empty(),
                    messages("'" + name + "' was not " + (enabled ? "enabled" : "disabled"), e.errors()), null));
        }
        return Response.seeOther(UriBuilder.fromPath("/admin/accounts").queryParam("changed", name)
                .queryParam("now", enabled ? "enabled" : "disabled").build()).build();
    }

    private static List<String> messages(String what, List<InputError> errors) {
        return errors.stream().map(e -> what + ": " + e.message()).toList();
    }

    private String admin() {
        return identity.getPrincipal().getName();
    }

    private String remote(HttpServerRequest request) {
        return clientAddress.of(request);
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    /** A page with a password on it: no cache may keep it. */
    private static Response shownOnce(TemplateInstance page) {
        return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store").build();
    }

}

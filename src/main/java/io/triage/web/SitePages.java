package io.triage.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.triage.security.AccountService;
import io.triage.security.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.triage.common.InputError;
import io.triage.common.InvalidInputException;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/** Login, logout and the start page that points each role to where its work is. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SitePages {

    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String message, boolean error);

        static native TemplateInstance home();
    }

    private final AccountService accounts;
    private final ClientAddress clientAddress;
    private final SecureCookies cookies;
    private final SecurityIdentity identity;

    SitePages(AccountService accounts, ClientAddress clientAddress, SecureCookies cookies, SecurityIdentity identity) {
        this.accounts = accounts;
        this.clientAddress = clientAddress;
        this.cookies = cookies;
        this.identity = identity;
    }

    /** The login form, with what happened to the last attempt (set by {@link WebLoginMechanism}). */
    @GET
    @Path("login")
    @PermitAll
    public TemplateInstance login(@QueryParam("error") boolean error, @QueryParam("wait") String waitSeconds,
                                  @QueryParam("disabled") boolean disabled, @QueryParam("expired") boolean expired,
                                  @QueryParam("unavailable") boolean unavailable, @QueryParam("logout") boolean logout) {
        if (waitSeconds != null) {
            if (!SECONDS.matcher(waitSeconds).matches()) {
                throw new InvalidInputException("invalid link", List.of(InputError.field("wait", "invalid_seconds",
                        InputError.quoted(waitSeconds) + " is not a number of seconds")));
            }
            return Templates.login("Too many failed logins for this account from your address. Try again in "
                    + Math.max(1, Long.parseLong(waitSeconds)) + " seconds, or ask an admin to reset the password.", true);
        }
        if (disabled) {
            return Templates.login("This account is disabled. Ask an admin to enable it.", true);
        }
        if (expired) {
            return Templates.login("The login form had expired. Please log in again.", true);
        }
        if (unavailable) {
            return Templates.login("The login could not be checked just now. Please try again in a moment.", true);
        }
        if (error) {
            return Templates.login("The name or the password is wrong.", true);
        }
        return Templates.login(logout ? "You are logged out." : null, false);
    }

    @GET
    @Authenticated
    public TemplateInstance home() {
        return Templates.home();
    }

    /**
     * Ends the web login: every session of the account, in every browser and on every instance
     * (a POST with the CSRF token, so no other site can log a user out).
     */
    @POST
    @Path("logout")
    @Authenticated
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@Context HttpServerRequest request) {
        accounts.logOut(identity.getPrincipal().getName(), clientAddress.of(request));
        request.response().addCookie(cookies.expired(WebLoginMechanism.SESSION_COOKIE, request));
        return Response.seeOther(URI.create("/login?logout=true")).build();
    }
}

package io.triage.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

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

    /** The form login's cookie (quarkus.http.auth.form.cookie-name). */
    static final String SESSION_COOKIE = "triage-session";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String message, boolean error);

        static native TemplateInstance home();
    }

    @GET
    @Path("login")
    @PermitAll
    public TemplateInstance login(@QueryParam("error") boolean error, @QueryParam("locked") String locked,
                                  @QueryParam("logout") boolean logout) {
        if (locked != null) {
            if (!SECONDS.matcher(locked).matches()) {
                throw new InvalidInputException("invalid link", List.of(InputError.field("locked", "invalid_seconds",
                        InputError.quoted(locked) + " is not a number of seconds")));
            }
            return Templates.login("Too many wrong passwords: this account is locked. Try again in "
                    + Math.max(1, Long.parseLong(locked)) + " seconds, or ask an admin to reset the password.", true);
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

    /** Ends the web login by expiring its cookie (a POST with the CSRF token, so no other site can log a user out). */
    @POST
    @Path("logout")
    @Authenticated
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout() {
        NewCookie expired = new NewCookie.Builder(SESSION_COOKIE).path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).value("").build();
        return Response.seeOther(URI.create("/login?logout=true")).cookie(expired).build();
    }
}

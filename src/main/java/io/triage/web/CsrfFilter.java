package io.triage.web;

import io.triage.http.ErrorPage;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.util.Set;

/**
 * Every state-changing request to a page (anything but GET/HEAD/OPTIONS outside /api and /q) must
 * carry the browser's CSRF token in its form, equal to its cookie. The API is not covered: it takes
 * JSON with HTTP Basic credentials, which a browser does not attach to another site's request.
 */
public class CsrfFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter(readBody = true)
    public void verify(ResteasyReactiveContainerRequestContext context, RoutingContext routing) {
        if (SAFE.contains(context.getMethod()) || !ErrorPage.isPage(routing.normalizedPath())) {
            return;
        }
        Cookie cookie = routing.request().getCookie(CsrfToken.COOKIE);
        Object field = ((ResteasyReactiveRequestContext) context.getServerRequestContext())
                .getFormParameter(CsrfToken.FIELD, true, false);
        if (field instanceof String token && CsrfToken.matches(cookie, token)) {
            return;
        }
        context.abortWith(ErrorPage.response(403, "this form cannot be accepted",
                "It has expired or did not come from a Triage page. Go back, reload the page and submit it again."));
    }
}

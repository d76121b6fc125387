package io.triage.api;

import io.triage.http.Problem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request forgery on the API. A browser attaches cached Basic credentials to a request
 * another site makes it send, and such a request can be a form post (form-encoded, multipart or
 * text/plain) or have no body at all. What no other site can make a browser send without the
 * browser first asking Triage (a CORS preflight, which Triage never grants) is a JSON content type
 * or a header of its own choosing. So every state-changing call under /api needs
 * {@code Content-Type: application/json} (also when it has no body) or an {@value #HEADER} header;
 * anything else is refused before authentication and before anything reads or changes a thing.
 */
@ApplicationScoped
public class ApiCsrfGuard {

    public static final String HEADER = "X-Requested-By";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    void install(@Observes Router router) {
        router.route().order(-1_900).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        boolean api = path.equals("/api") || path.startsWith("/api/");
        if (!api || SAFE.contains(ctx.request().method()) || isJson(ctx.request().getHeader("Content-Type"))
                || hasValue(ctx.request().getHeader(HEADER))) {
            ctx.next();
            return;
        }
        String message = "send Content-Type: application/json (also with an empty body) or an " + HEADER
                + " header; a form, plain text or a request without either is refused, because a browser can be made to "
                + "send one from another site";
        ctx.response().setStatusCode(415)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(new JsonObject()
                        .put("type", "urn:triage:problem:json-required")
                        .put("title", "state-changing api calls take json")
                        .put("status", 415)
                        .put("detail", message)
                        .put("errors", new JsonArray().add(new JsonObject()
                                .put("field", "Content-Type")
                                .put("code", "json_required")
                                .put("message", message)))
                        .encode());
    }

    /** {@code application/json}, with or without parameters such as a charset. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    private static boolean hasValue(String header) {
        return header != null && !header.isBlank();
    }
}

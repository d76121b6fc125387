package io.triage.api;

import io.triage.config.TriageConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses oversized bodies with 413 before anything reads them: decisions and rule-set uploads
 * each have their own limit ({@code triage.limits.*}). A body sent without a length is capped by
 * {@code quarkus.http.limits.max-body-size} and checked again by the resource that reads it.
 */
@ApplicationScoped
public class BodyLimits {

    private final long decisionLimit;
    private final long rulesetLimit;

    BodyLimits(TriageConfig config) {
        this.decisionLimit = config.limits().decisionBody().asLongValue();
        this.rulesetLimit = config.limits().rulesetBody().asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(-2_000).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST) {
            ctx.next();
            return;
        }
        long limit = limitFor(ctx.normalizedPath());
        String length = ctx.request().getHeader("Content-Length");
        if (limit > 0 && length != null && parse(length) > limit) {
            tooLarge(ctx, limit);
        } else {
            ctx.next();
        }
    }

    /** The limit for a path, or 0 when only the global one applies. */
    long limitFor(String path) {
        if (path.equals("/api/decisions") || path.equals("/api/decisions/preview")) {
            return decisionLimit;
        }
        if (path.startsWith("/api/rulesets")) {
            return rulesetLimit;
        }
        return 0;
    }

    static void tooLarge(RoutingContext ctx, long limit) {
        ctx.response().setStatusCode(413)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Connection", "close")
                .end(new JsonObject()
                        .put("type", "urn:triage:problem:too-large")
                        .put("title", "request body too large")
                        .put("status", 413)
                        .put("detail", "the body is larger than the " + limit + " bytes this endpoint accepts")
                        .encode());
    }

    /** The decision body limit in bytes, for resources that read bodies sent without a length. */
    public long decisionLimit() {
        return decisionLimit;
    }

    public long rulesetLimit() {
        return rulesetLimit;
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}

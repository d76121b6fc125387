package io.triage.ops;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.function.Function;

/**
 * The health endpoints need no login (load balancers and orchestrators ask them), so they say
 * only {@code {"status": "UP"}} (200) or {@code {"status": "DOWN"}} (503). Which version is
 * active, who activated it, why startup fell back and what the last disk edit did are details for
 * people with a login: {@code GET /api/status}. Answered here, before the health extension's own
 * handlers, which would list every check with its data.
 */
@ApplicationScoped
public class HealthWithoutDetails {

    private static final String ROOT = "/q/health";

    private final SmallRyeHealthReporter reporter;

    HealthWithoutDetails(SmallRyeHealthReporter reporter) {
        this.reporter = reporter;
    }

    void install(@Observes Router router) {
        router.route().order(-1_800).handler(this::answer);
    }

    private void answer(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            // the extension's handlers answer any method with every check's data: only GET and HEAD get past here
            if (underHealth(ctx.normalizedPath())) {
                ctx.response().setStatusCode(405)
                        .putHeader("Allow", "GET, HEAD")
                        .putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject().put("type", "about:blank").put("title", "method not allowed").put("status", 405)
                                .put("detail", "the health endpoints answer GET and HEAD only").encode());
            } else {
                ctx.next();
            }
            return;
        }
        Function<SmallRyeHealthReporter, SmallRyeHealth> check = checkFor(ctx.normalizedPath());
        if (check == null) {
            ctx.next();
            return;
        }
        ctx.vertx().<SmallRyeHealth>executeBlocking(() -> run(check), false).onComplete(result -> {
            boolean up = result.succeeded() && !result.result().isDown();
            ctx.response().setStatusCode(up ? 200 : 503)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(new JsonObject().put("status", up ? "UP" : "DOWN").encode());
        });
    }

    private SmallRyeHealth run(Function<SmallRyeHealthReporter, SmallRyeHealth> check) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            return check.apply(reporter);
        } finally {
            request.terminate();
        }
    }

    /** Whether a path is the health root or below it, however its slashes are repeated. */
    static boolean underHealth(String path) {
        String p = path.replaceAll("/{2,}", "/");
        return p.equals(ROOT) || p.startsWith(ROOT + "/");
    }

    /** Which checks a health path runs, or null for a path that is not one (left to answer 404). */
    static Function<SmallRyeHealthReporter, SmallRyeHealth> checkFor(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return switch (p) {
            case ROOT -> SmallRyeHealthReporter::getHealth;
            case ROOT + "/ready" -> SmallRyeHealthReporter::getReadiness;
            case ROOT + "/live" -> SmallRyeHealthReporter::getLiveness;
            case ROOT + "/started" -> SmallRyeHealthReporter::getStartup;
            case ROOT + "/well" -> SmallRyeHealthReporter::getWellness;
            case ROOT + "/group" -> SmallRyeHealthReporter::getHealthGroups;
            default -> p.startsWith(ROOT + "/group/") && p.length() > (ROOT + "/group/").length()
                    ? r -> r.getHealthGroup(p.substring((ROOT + "/group/").length())) : null;
        };
    }
}

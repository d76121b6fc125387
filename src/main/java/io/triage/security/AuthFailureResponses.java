package io.triage.security;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A throttled login gets 429 with Retry-After (seconds) and a problem document instead of the
 * plain 401, so a client can tell "wrong password" from "wait". (The web login form answers for
 * itself: it sends the browser back to the login page, which says how long to wait.)
 */
@ApplicationScoped
public class AuthFailureResponses {

    void install(@Observes Router router) {
        router.route().order(-1_000).failureHandler(ctx -> {
            Throwable failure = ctx.failure();
            while (failure != null && !(failure instanceof LoginRefusedException)) {
                failure = failure.getCause();
            }
            if (failure instanceof LoginRefusedException refused && refused.reason() == LoginRefusedException.Reason.THROTTLED
                    && !ctx.response().ended()) {
                long seconds = refused.retryAfterSeconds();
                ctx.response().setStatusCode(429)
                        .putHeader("Retry-After", Long.toString(seconds))
                        .putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject()
                                .put("type", "urn:triage:problem:login-throttled")
                                .put("title", "too many failed logins")
                                .put("status", 429)
                                .put("detail", "too many failed logins for this account from this address; try again in "
                                        + seconds + " s")
                                .encode());
            } else {
                ctx.next();
            }
        });
    }
}

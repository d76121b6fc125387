package io.triage.security;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A locked account gets 429 with Retry-After (seconds) and a problem document instead of the
 * plain 401, so a client can tell "wrong password" from "wait".
 */
@ApplicationScoped
public class AuthFailureResponses {

    void install(@Observes Router router) {
        router.route().order(-1_000).failureHandler(ctx -> {
            Throwable failure = ctx.failure();
            while (failure != null && !(failure instanceof AccountLockedException)) {
                failure = failure.getCause();
            }
            if (failure instanceof AccountLockedException locked && !ctx.response().ended()) {
                long seconds = Math.max(1, (locked.retryAfter().toMillis() + 999) / 1000);
                ctx.response().setStatusCode(429)
                        .putHeader("Retry-After", Long.toString(seconds))
                        .putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject()
                                .put("type", "urn:triage:problem:account-locked")
                                .put("title", "account locked")
                                .put("status", 429)
                                .put("detail", "too many wrong passwords; try again in " + seconds + " s")
                                .encode());
            } else {
                ctx.next();
            }
        });
    }
}

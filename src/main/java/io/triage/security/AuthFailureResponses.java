package io.triage.security;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A locked account gets 429 with Retry-After (seconds) and a problem document instead of the
 * plain 401, so a client can tell "wrong password" from "wait"; the web login form is sent back to
 * the login page, which says how long to wait.
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
                if (ctx.request().path().equals("/j_security_check")) {
                    // the web login form: back to the login page, which says how long to wait
                    ctx.response().setStatusCode(302).putHeader("Location", "/login?locked=" + seconds).end();
                    return;
                }
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

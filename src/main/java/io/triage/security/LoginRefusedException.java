package io.triage.security;

import java.time.Duration;

/**
 * Why a login was refused when "wrong name or password" is not the whole story. Travels as the
 * cause of the authentication failure: the API answers a throttled login with 429 and Retry-After
 * ({@link AuthFailureResponses}); the web login sends the browser back to the login page saying
 * how long to wait, or that the account is disabled.
 */
public class LoginRefusedException extends RuntimeException {

    /** The stable codes. */
    public enum Reason {
        /** Too many failed logins for this account from this address: wait. The password was not checked. */
        THROTTLED,
        /** The password was right, but the account is disabled. */
        DISABLED
    }

    private final Reason reason;
    private final Duration retryAfter;

    private LoginRefusedException(Reason reason, Duration retryAfter, String message) {
        super(message);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public static LoginRefusedException throttled(Duration retryAfter) {
        return new LoginRefusedException(Reason.THROTTLED, retryAfter,
                "too many failed logins for this account from this address; try again in " + seconds(retryAfter) + " s");
    }

    public static LoginRefusedException disabled() {
        return new LoginRefusedException(Reason.DISABLED, null, "the account is disabled");
    }

    public Reason reason() {
        return reason;
    }

    /** Whole seconds to wait, at least 1 (Retry-After takes seconds). */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration d) {
        return d == null ? 0 : Math.max(1, (d.toMillis() + 999) / 1000);
    }
}

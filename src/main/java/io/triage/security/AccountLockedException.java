package io.triage.security;

import java.time.Duration;

/**
 * Too many wrong passwords: the account is locked for a while. Travels as the cause of the
 * authentication failure and is answered with 429 and Retry-After by {@link AuthFailureResponses}.
 */
public class AccountLockedException extends RuntimeException {

    private final Duration retryAfter;

    public AccountLockedException(Duration retryAfter) {
        super("the account is locked after repeated wrong passwords");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

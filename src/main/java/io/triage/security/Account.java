package io.triage.security;

import java.time.Instant;
import java.util.List;

/**
 * An account as stored; the password is only ever held as a bcrypt hash. {@code epoch} counts the
 * changes that end its sessions (password, enabled, roles).
 */
public record Account(String name, String passwordHash, List<String> roles, boolean enabled, Instant createdAt,
                      String createdBy, Instant changedAt, long epoch) {

    /** A new account, at epoch 0. */
    public Account(String name, String passwordHash, List<String> roles, boolean enabled, Instant createdAt,
                   String createdBy, Instant changedAt) {
        this(name, passwordHash, roles, enabled, createdAt, createdBy, changedAt, 0);
    }
}

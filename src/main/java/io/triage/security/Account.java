package io.triage.security;

import java.time.Instant;
import java.util.List;

/** An account as stored; the password is only ever held as a bcrypt hash. */
public record Account(String name, String passwordHash, List<String> roles, boolean enabled, Instant createdAt,
                      String createdBy, Instant changedAt) {
}

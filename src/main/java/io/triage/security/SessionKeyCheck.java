package io.triage.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.triage.config.StartupRefusal;
import io.triage.config.TriageConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The web login's session records are keyed with a secret from configuration (the database holds
 * only HMAC digests of the session tokens). In production a missing or short key stops startup: a
 * generated key would silently log everyone out on every restart and differ between instances.
 * Tests and dev mode get a generated one. Checked first, before the data folder or the database is touched.
 */
@ApplicationScoped
public class SessionKeyCheck {

    static final int MIN_LENGTH = 32;

    void onStart(@Observes @Priority(1) StartupEvent event, TriageConfig config) {
        String key = config.security().sessionKey().orElse("");
        if (LaunchMode.current() == LaunchMode.NORMAL && key.length() < MIN_LENGTH) {
            throw new StartupRefusal("triage.security.session-key is " + (key.isEmpty() ? "not set" : "too short ("
                    + key.length() + " characters)") + ": the web login needs a secret of at least " + MIN_LENGTH
                    + " characters to key its session records. Set it, for example: "
                    + "export TRIAGE_SECURITY_SESSION_KEY=\"$(head -c 32 /dev/urandom | base64)\"");
        }
    }
}

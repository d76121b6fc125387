package io.triage.security;

import io.quarkus.runtime.StartupEvent;
import io.triage.config.TriageConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.List;

/**
 * Session lifetimes, the login throttle and the trusted proxies are checked once at startup; a
 * contradictory or unreadable setting stops startup with one line that names it.
 */
@ApplicationScoped
public class SecuritySettingsCheck {

    void onStart(@Observes @Priority(1) StartupEvent event, TriageConfig config) {
        check(config.security(), config.cluster().pollInterval());
    }

    static void check(TriageConfig.Security security, Duration pollInterval) {
        try {
            new WebSessions.Lifetimes(security.sessionIdle(), security.sessionAbsolute());
            LoginThrottle.Settings.of(security.loginThrottle());
            security.trustedProxies().orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty())
                    .forEach(ClientAddress::block);
            if (pollInterval.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("triage.cluster.poll-interval is " + pollInterval + "; it must be at least 100ms");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}

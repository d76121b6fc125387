package io.triage.security;

import io.triage.config.TriageConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contradictory session and throttle settings stop startup with one line naming the setting. */
class SecuritySettingsCheckTest {

    private record Throttle(int freeFailures, Duration firstDelay, Duration maxDelay, Duration burstEndsAfter)
            implements TriageConfig.LoginThrottle {
    }

    private record Security(Duration sessionIdle, Duration sessionAbsolute, List<String> proxies, Throttle loginThrottle)
            implements TriageConfig.Security {
        @Override
        public Duration credentialCache() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Optional<String> sessionKey() {
            return Optional.empty();
        }

        @Override
        public boolean secureCookies() {
            return false;
        }

        @Override
        public Optional<List<String>> trustedProxies() {
            return Optional.of(proxies);
        }
    }

    private static final Throttle THROTTLE = new Throttle(3, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(30));
    private static final Security DEFAULTS = new Security(Duration.ofMinutes(30), Duration.ofHours(12), List.of(), THROTTLE);

    @Test
    void theDefaultsPass() {
        assertThatCode(() -> SecuritySettingsCheck.check(DEFAULTS, Duration.ofSeconds(5))).doesNotThrowAnyException();
    }

    @Test
    void eachContradictionIsNamed() {
        assertThatThrownBy(() -> SecuritySettingsCheck.check(new Security(Duration.ZERO, Duration.ofHours(1), List.of(), THROTTLE),
                Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class).hasMessageContaining("triage.security.session-idle");
        assertThatThrownBy(() -> SecuritySettingsCheck.check(new Security(Duration.ofHours(2), Duration.ofHours(1), List.of(), THROTTLE),
                Duration.ofSeconds(5))).hasMessageContaining("triage.security.session-absolute");
        assertThatThrownBy(() -> SecuritySettingsCheck.check(new Security(Duration.ofMinutes(30), Duration.ofHours(12), List.of(),
                new Throttle(0, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(30))), Duration.ofSeconds(5)))
                .hasMessageContaining("free-failures");
        assertThatThrownBy(() -> SecuritySettingsCheck.check(new Security(Duration.ofMinutes(30), Duration.ofHours(12), List.of(),
                new Throttle(3, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(10))), Duration.ofSeconds(5)))
                .hasMessageContaining("burst-ends-after");
        assertThatThrownBy(() -> SecuritySettingsCheck.check(new Security(Duration.ofMinutes(30), Duration.ofHours(12), List.of(),
                new Throttle(3, Duration.ofMinutes(20), Duration.ofMinutes(15), Duration.ofMinutes(30))), Duration.ofSeconds(5)))
                .hasMessageContaining("max-delay");
        assertThatThrownBy(() -> SecuritySettingsCheck.check(new Security(Duration.ofMinutes(30), Duration.ofHours(12),
                List.of("the-proxy"), THROTTLE), Duration.ofSeconds(5))).hasMessageContaining("trusted-proxies");
        assertThatThrownBy(() -> SecuritySettingsCheck.check(DEFAULTS, Duration.ofMillis(5))).hasMessageContaining("poll-interval");
    }
}

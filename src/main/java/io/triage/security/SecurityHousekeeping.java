package io.triage.security;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Once a minute: removes web sessions that can no longer be used, and writes up and removes
 * bursts of failed logins that have gone quiet. Every instance does it; the row locks in
 * {@link LoginThrottle#sweep()} make sure each burst is written up once.
 */
@ApplicationScoped
public class SecurityHousekeeping {

    private static final Logger LOG = Logger.getLogger(SecurityHousekeeping.class);

    private final WebSessions sessions;
    private final LoginThrottle throttle;
    private ScheduledExecutorService timer;

    SecurityHousekeeping(WebSessions sessions, LoginThrottle throttle) {
        this.sessions = sessions;
        this.throttle = throttle;
    }

    void onStart(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "security-housekeeping");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void sweep() {
        try {
            sessions.sweep();
            throttle.sweep();
        } catch (RuntimeException e) {
            LOG.warnf("security housekeeping failed (%s); trying again in a minute", e.getMessage());
        }
    }
}

package io.triage.policy;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.triage.cluster.ClusterEvents;
import io.triage.cluster.InstanceName;
import io.triage.config.TriageConfig;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.CompiledVersions;
import io.triage.store.Database;
import io.triage.store.RuleSetHistory;
import io.triage.store.ServingInstances;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps this instance on the version the database says is active. An activation on any instance
 * is announced ({@link Activator#VERSION_ACTIVATED}); on hearing it, and on every periodic check
 * ({@code triage.cluster.poll-interval}, for an announcement that was missed), this instance reads
 * the active version and serves it. A version that passed validation anywhere is compiled here at
 * once ({@link #VERSION_PASSED}), so its activation is a swap of one reference, not a compile.
 * <p>
 * This instance reports the version it serves to the database, so the status read through any
 * instance names the version every instance serves.
 */
@ApplicationScoped
public class ActiveVersionSync {

    private static final Logger LOG = Logger.getLogger(ActiveVersionSync.class);
    /** Published when a candidate passes validation: every instance compiles it before anyone activates it. */
    public static final String VERSION_PASSED = "ruleset.passed";
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    /** What this instance knows of the others, for the status. */
    public record View(String instance, boolean listening, String databaseVersion, String problem,
                       List<ServingInstances.Row> instances) {
    }

    private final Activator activator;
    private final CompiledVersions compiled;
    private final ClusterEvents events;
    private final ServingInstances serving;
    private final ActiveRuleSet active;
    private final String instance;
    private final boolean shared;
    private final Duration seenLately;
    private final Instant startedAt = Instant.now();
    private final ExecutorService syncThread = Executors.newSingleThreadExecutor(daemon("active-version-sync"));
    // apart from the sync thread, so an activation heard while a version compiles is not held up by it
    private final ExecutorService prepareThread = Executors.newSingleThreadExecutor(daemon("ruleset-prepare"));
    private final AtomicBoolean syncPending = new AtomicBoolean();
    private volatile String databaseVersion;
    private volatile String problem;
    private volatile List<ServingInstances.Row> instances = List.of();

    ActiveVersionSync(Activator activator, CompiledVersions compiled, ClusterEvents events, ServingInstances serving,
                      ActiveRuleSet active, InstanceName instance, Database database, TriageConfig config) {
        this.activator = activator;
        this.compiled = compiled;
        this.events = events;
        this.serving = serving;
        this.active = active;
        this.instance = instance.value();
        this.shared = database.shared();
        // an instance reports every poll interval; one silent for three is gone
        this.seenLately = config.cluster().pollInterval().multipliedBy(3).plusSeconds(1);
    }

    /** After the startup version is served (StartupLoader), before edits on disk are watched. */
    void onStart(@Observes @Priority(25) StartupEvent event) {
        events.subscribe(Activator.VERSION_ACTIVATED, version -> requestSync(), this::requestSync);
        events.subscribe(VERSION_PASSED, this::prepare);
        requestSync();
    }

    void onStop(@Observes ShutdownEvent event) {
        syncThread.shutdownNow();
        prepareThread.shutdownNow();
    }

    public View view() {
        return new View(instance, events.listening(), databaseVersion, problem, instances);
    }

    /** Reads the active version soon, on the sync thread; requests made while one waits are that one. */
    void requestSync() {
        if (syncPending.compareAndSet(false, true)) {
            try {
                syncThread.execute(this::sync);
            } catch (RejectedExecutionException shuttingDown) {
                syncPending.set(false);
            }
        }
    }

    void sync() {
        syncPending.set(false);
        String trouble = null;
        try {
            databaseVersion = activator.follow().map(RuleSetHistory.Current::version).orElse(null);
            if (problem != null) {
                LOG.infof("instance %s serves the active version %s", instance, databaseVersion);
            }
        } catch (Activator.CannotFollow e) {
            databaseVersion = e.wanted().version();
            trouble = e.getMessage();
            // INVARIANT: an instance that cannot serve the active version keeps serving the one it has, and says so
            if (!trouble.equals(problem)) {
                LOG.errorf(e, "ANOMALY on instance %s: the active version %s passed validation but cannot be compiled here; "
                        + "the other instances serve it, this one keeps serving %s and tries again every poll interval",
                        instance, e.wanted().version(), e.serving());
            }
        } catch (RuntimeException e) {
            trouble = "the active version could not be read: " + e.getMessage();
            if (!trouble.equals(problem)) {
                LOG.warnf("instance %s: %s; trying again every poll interval", instance, trouble);
            }
        }
        problem = trouble;
        report();
    }

    /** This instance's row in the database, and the rows of the others for the status. */
    private void report() {
        if (!shared) {
            return;
        }
        try {
            serving.report(instance, startedAt, active.current().map(a -> a.ruleSet().version()).orElse(null), problem);
            List<ServingInstances.Row> all = serving.all();
            all.stream().filter(r -> r.age().compareTo(FORGET_AFTER) > 0).forEach(r -> serving.forget(r.instance()));
            instances = all.stream().filter(r -> r.age().compareTo(seenLately) <= 0).toList();
        } catch (RuntimeException e) {
            LOG.warnf("instance %s could not report the version it serves: %s", instance, e.getMessage());
        }
    }

    private void prepare(String version) {
        try {
            prepareThread.execute(() -> {
                try {
                    compiled.get(version);
                } catch (RuntimeException e) {
                    LOG.warnf("could not compile %s ahead of its activation (%s); it is compiled when activated", version,
                            e.getMessage());
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            // nothing to prepare for
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

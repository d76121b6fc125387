package io.triage.policy;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.config.TriageConfig;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.RuleSetFiles;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Takes in edits of {@code rules/} and {@code test-cases/} on disk: once the files have been quiet
 * for the debounce time, the whole folder pair goes through the pipeline; a version that passes is
 * activated (or, under the two-person rule, waits for approval), one that fails changes nothing and
 * its problems are shown in {@link PolicyStatus} and the log.
 */
@ApplicationScoped
public class DiskWatcher {

    private static final Logger LOG = Logger.getLogger(DiskWatcher.class);

    private final TriageConfig config;
    private final RuleSetPipeline pipeline;
    private final Activator activator;
    private final ActiveRuleSet active;
    private final PolicyStatus status;
    private WatchService watcher;
    private Thread thread;

    DiskWatcher(TriageConfig config, RuleSetPipeline pipeline, Activator activator, ActiveRuleSet active, PolicyStatus status) {
        this.config = config;
        this.pipeline = pipeline;
        this.activator = activator;
        this.active = active;
        this.status = status;
    }

    void onStart(@Observes @Priority(30) StartupEvent event) throws IOException {
        if (!config.policy().watch()) {
            return;
        }
        watcher = FileSystems.getDefault().newWatchService();
        for (Path dir : List.of(config.rules().dir(), config.rules().testCasesDir())) {
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
        thread = new Thread(this::watch, "rules-watcher");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("watching %s and %s for edits", config.rules().dir().toAbsolutePath().normalize(),
                config.rules().testCasesDir().toAbsolutePath().normalize());
    }

    void onStop(@Observes ShutdownEvent event) throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }

    private void watch() {
        Duration debounce = config.policy().debounce();
        try {
            while (true) {
                drain(watcher.take());
                // wait until the editor is done: no further event for the debounce time
                WatchKey more;
                while ((more = watcher.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                reload();
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // shutting down
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    /** Loads the folders and runs them through the pipeline; never throws, always leaves a status. */
    void reload() {
        Instant at = Instant.now();
        try {
            RuleSetFiles files = RuleSetFiles.load(config.rules().dir(), config.rules().testCasesDir());
            String current = active.current().map(a -> a.ruleSet().version()).orElse(null);
            if (files.version().equals(current)) {
                status.diskAttempt(new PolicyStatus.DiskAttempt(at, files.version(), "unchanged", List.of()));
                return;
            }
            RuleSetPipeline.Result result = pipeline.submit(files, RuleSetPipeline.Origin.DISK, "disk");
            if (!result.passed()) {
                status.diskAttempt(new PolicyStatus.DiskAttempt(at, files.version(), "refused", result.report().problems()));
                LOG.warnf("edit on disk refused, %s stays active:\n  %s", current, String.join("\n  ", result.report().problems()));
                return;
            }
            if (activator.twoPersonRule()) {
                status.diskAttempt(new PolicyStatus.DiskAttempt(at, files.version(), "awaiting approval", List.of()));
                return;
            }
            activator.activate(files.version(), "disk", "edit on disk");
            status.diskAttempt(new PolicyStatus.DiskAttempt(at, files.version(), "activated", List.of()));
        } catch (InvalidInputException e) {
            List<String> problems = e.errors().stream().map(InputError::describe).toList();
            status.diskAttempt(new PolicyStatus.DiskAttempt(at, null, "unreadable", problems));
            LOG.warnf("the rule folders cannot be read:\n  %s", String.join("\n  ", problems));
        } catch (RuntimeException | Error e) {
            // INVARIANT: whatever a file does, the watcher keeps watching and says what went wrong
            status.diskAttempt(new PolicyStatus.DiskAttempt(at, null, "failed", List.of(e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()))));
            LOG.error("reloading the rules from disk failed; still watching", e);
        }
    }
}

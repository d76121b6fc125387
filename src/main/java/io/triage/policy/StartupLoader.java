package io.triage.policy;

import io.quarkus.runtime.StartupEvent;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.config.StartupRefusal;
import io.triage.config.TriageConfig;
import io.triage.rules.RuleSetFiles;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Brings up a rule set at startup. The recorded activation decides what serves: after a restart
 * Triage serves the version that was active when it stopped, whatever is on disk, so a restart
 * never undoes an activation or a rollback made through the API or the pages. The rules on disk
 * are then validated like any candidate (in the background); if they differ from what serves,
 * they wait on the policy page to be activated. Only a new installation, with no activation
 * recorded, starts on the rules on disk, and refuses to start if they do not pass.
 */
@ApplicationScoped
public class StartupLoader {

    private static final Logger LOG = Logger.getLogger(StartupLoader.class);

    private final TriageConfig config;
    private final RuleSetPipeline pipeline;
    private final Activator activator;
    private final PolicyStatus status;

    StartupLoader(TriageConfig config, RuleSetPipeline pipeline, Activator activator, PolicyStatus status) {
        this.config = config;
        this.pipeline = pipeline;
        this.activator = activator;
        this.status = status;
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        Optional<String> recorded = activator.lastActivated();
        if (recorded.isEmpty()) {
            startOnDisk();
            return;
        }
        try {
            activator.restore(recorded.get(), "startup", "startup: the recorded active version");
        } catch (RuntimeException e) {
            // e.g. stored sources from an older release that the rule language now refuses
            LOG.errorf("the version last activated, %s, cannot be served (%s); trying the rules on disk", recorded.get(),
                    e.getMessage());
            startOnDisk();
            return;
        }
        LOG.infof("serving %s, the version last activated", recorded.get());
        Thread check = new Thread(() -> compareWithDisk(recorded.get()), "startup-disk-check");
        check.setDaemon(true);
        check.start();
    }

    /** A new installation: the rules on disk become the first active version, or Triage does not start. */
    private void startOnDisk() {
        List<String> problems;
        String diskVersion = null;
        try {
            RuleSetFiles files = RuleSetFiles.load(config.rules().dir(), config.rules().testCasesDir());
            diskVersion = files.version();
            RuleSetPipeline.Result result = pipeline.submit(files, RuleSetPipeline.Origin.STARTUP, "startup");
            if (result.passed()) {
                activator.activate(diskVersion, "startup", "startup: the rules on disk");
                status.startedOn(new PolicyStatus.Startup(Instant.now(), diskVersion, false, diskVersion, List.of()));
                return;
            }
            problems = result.report().problems();
        } catch (InvalidInputException e) {
            problems = e.errors().stream().map(InputError::describe).toList();
        }
        throw new StartupRefusal("the rule set in " + config.rules().dir().toAbsolutePath().normalize()
                + " cannot be used and no earlier version was ever active; fix these problems and start again:\n  "
                + String.join("\n  ", problems));
    }

    /** Validates the rules on disk as a candidate and says how they relate to what serves; activates nothing. */
    private void compareWithDisk(String serving) {
        String diskVersion = null;
        List<String> problems;
        try {
            RuleSetFiles files = RuleSetFiles.load(config.rules().dir(), config.rules().testCasesDir());
            diskVersion = files.version();
            if (diskVersion.equals(serving)) {
                status.startedOn(new PolicyStatus.Startup(Instant.now(), serving, false, diskVersion, List.of()));
                return;
            }
            RuleSetPipeline.Result result = pipeline.submit(files, RuleSetPipeline.Origin.STARTUP, "startup");
            problems = result.passed()
                    ? List.of("the rules on disk passed validation but are not active: the recorded activation decides what"
                    + " serves after a restart; activate " + diskVersion + " to use them")
                    : result.report().problems();
        } catch (InvalidInputException e) {
            problems = e.errors().stream().map(InputError::describe).toList();
        } catch (RuntimeException | Error e) {
            problems = List.of("the rules on disk could not be checked: " + e.getMessage());
        }
        status.startedOn(new PolicyStatus.Startup(Instant.now(), serving, true, diskVersion, problems));
        LOG.warnf("serving %s; the rules on disk (%s) are not what serves:\n  %s", serving,
                diskVersion == null ? "unreadable" : diskVersion, String.join("\n  ", problems));
    }
}

package io.triage.policy;

import io.quarkus.runtime.StartupEvent;
import io.triage.common.InvalidInputException;
import io.triage.common.InputError;
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
 * Brings up a rule set at startup. The rules on disk go through the same pipeline as any candidate;
 * if they pass, they become active. If they do not, Triage starts on the last version that was
 * active before and says so (log and readiness); with no such version it refuses to start.
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
        String diskVersion = null;
        List<String> problems;
        try {
            RuleSetFiles files = RuleSetFiles.load(config.rules().dir(), config.rules().testCasesDir());
            diskVersion = files.version();
            RuleSetPipeline.Result result = pipeline.submit(files, RuleSetPipeline.Origin.STARTUP, "startup");
            problems = result.report().problems();
            if (result.passed()) {
                try {
                    activator.activate(diskVersion, "startup", "startup: the rules on disk");
                    status.startedOn(new PolicyStatus.Startup(Instant.now(), diskVersion, false, diskVersion, List.of()));
                    return;
                } catch (ActivationRefusedException e) {
                    problems = List.of(e.getMessage());
                }
            }
        } catch (InvalidInputException e) {
            problems = e.errors().stream().map(InputError::describe).toList();
        }
        Optional<String> lastGood = activator.lastActivated();
        if (lastGood.isEmpty()) {
            throw new StartupRefusal("the rule set in " + config.rules().dir().toAbsolutePath().normalize()
                    + " cannot be used and no earlier version was ever active; fix these problems and start again:\n  "
                    + String.join("\n  ", problems));
        }
        activator.restore(lastGood.get(), "startup", "startup fallback: the rules on disk cannot be used");
        status.startedOn(new PolicyStatus.Startup(Instant.now(), lastGood.get(), true, diskVersion, problems));
        LOG.warnf("the rules on disk (%s) cannot be used; started on the last good version %s instead. Problems:\n  %s",
                diskVersion == null ? "unreadable" : diskVersion, lastGood.get(), String.join("\n  ", problems));
    }
}

package io.triage.policy;

import io.quarkus.runtime.StartupEvent;
import io.triage.config.TriageConfig;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.RuleSetFiles;
import io.triage.store.RuleSetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Loads the rule set from disk at startup, puts it through the same validation as any candidate
 * and activates it. A rule set that fails does not start the service: decisions on a policy that
 * breaks its own golden cases would be worse than no decisions.
 */
@ApplicationScoped
public class StartupLoader {

    private static final Logger LOG = Logger.getLogger(StartupLoader.class);

    private final TriageConfig config;
    private final RuleSetValidator validator;
    private final ActiveRuleSet active;
    private final RuleSetRepository repository;

    StartupLoader(TriageConfig config, RuleSetValidator validator, ActiveRuleSet active, RuleSetRepository repository) {
        this.config = config;
        this.validator = validator;
        this.active = active;
        this.repository = repository;
    }

    void onStart(@Observes StartupEvent event) {
        RuleSetFiles files = RuleSetFiles.load(config.rules().dir(), config.rules().testCasesDir());
        long start = System.nanoTime();
        RuleSetValidator.Outcome outcome = validator.validate(files);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!outcome.report().passed()) {
            throw new IllegalStateException("the rule set in " + config.rules().dir().toAbsolutePath().normalize()
                    + " did not pass validation, so Triage cannot start:\n  "
                    + String.join("\n  ", outcome.report().problems()));
        }
        // INVARIANT: a version is stored before any decision can name it.
        repository.save(files, files.get(RuleSetFiles.QUESTIONNAIRE), "startup");
        active.activate(outcome.ruleSet(), "startup");
        LOG.infof("rule set %s active: %d rules, %d golden cases passed, validated in %d ms",
                files.version(), outcome.ruleSet().rules().size(), outcome.report().golden().cases().size(), millis);
    }
}

package io.triage.policy;

import io.quarkus.runtime.StartupEvent;
import io.triage.config.StartupRefusal;
import io.triage.config.TriageConfig;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Compiles the active rules a few times in the background after startup, each time with a comment
 * changed so nothing is reused. Rules are compiled only when a policy owner edits them, too rarely
 * for the just-in-time compiler to ever get the Drools compiler hot; without this, the first edits
 * of a rule take twice as long to go live. Nothing compiled here is kept or served.
 */
@ApplicationScoped
public class CompilerWarmup {

    private static final Logger LOG = Logger.getLogger(CompilerWarmup.class);

    private final ActiveRuleSet active;
    private final int rounds;

    CompilerWarmup(ActiveRuleSet active, TriageConfig config) {
        this.active = active;
        this.rounds = config.policy().compilerWarmUp();
        if (rounds < 0 || rounds > 50) {
            throw new StartupRefusal("triage.policy.compiler-warm-up must be between 0 and 50, not " + rounds);
        }
    }

    // after the startup loader (priority 20) has activated a version
    void onStart(@Observes @Priority(30) StartupEvent event) {
        if (rounds <= 0) {
            return;
        }
        Thread thread = new Thread(this::run, "compiler-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    void run() {
        RuleSet serving = active.current().map(ActiveRuleSet.Activation::ruleSet).orElse(null);
        if (serving == null) {
            return;
        }
        long start = System.nanoTime();
        // its own compiler: it never holds up the service's, nor pushes a real version's network out of those kept for reuse
        RuleSetCompiler compiler = RuleSetCompiler.forWarmUp();
        try {
            for (int round = 0; round < rounds; round++) {
                compiler.compileOrThrow(serving.files().withRulesRecompiled("warm-up round " + round));
            }
            LOG.debugf("compiler warmed up: %d compilations in %d ms", rounds, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("compiler warm-up stopped (only speed is lost): %s", e.getMessage());
        }
    }
}

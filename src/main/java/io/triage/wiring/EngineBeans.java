package io.triage.wiring;

import io.triage.config.StartupRefusal;
import io.triage.config.TriageConfig;
import io.triage.engine.EvaluationBudget;
import io.triage.engine.Evaluator;
import io.triage.golden.GoldenRunner;
import io.triage.policy.RuleSetValidator;
import io.triage.rules.RuleSetCompiler;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The engine classes are plain Java so the offline verifier and plain unit tests can use them
 * without a container; this is where the service wires them.
 */
public class EngineBeans {

    @Produces
    @Singleton
    Evaluator evaluator(TriageConfig config) {
        TriageConfig.Engine engine = config.engine();
        return new Evaluator(new EvaluationBudget(engine.maxFirings(), engine.maxFacts(), engine.timeout()));
    }

    @Produces
    @Singleton
    RuleSetCompiler compiler() {
        return new RuleSetCompiler();
    }

    @Produces
    @Singleton
    GoldenRunner goldenRunner(Evaluator evaluator) {
        return new GoldenRunner(evaluator);
    }

    /** How candidates are validated (in the worker): the invariant samples each one is checked on. */
    @Produces
    @Singleton
    RuleSetValidator.Options validation(TriageConfig config) {
        int samples = config.policy().invariantSamples();
        if (samples < 0) {
            throw new StartupRefusal("triage.policy.invariant-samples must be 0 or more, not " + samples);
        }
        return new RuleSetValidator.Options(samples, RuleSetValidator.Options.DEFAULT_SEED);
    }
}

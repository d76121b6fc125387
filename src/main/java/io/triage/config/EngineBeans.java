package io.triage.config;

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
    Evaluator evaluator() {
        return new Evaluator();
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

    @Produces
    @Singleton
    RuleSetValidator validator(RuleSetCompiler compiler, GoldenRunner runner, TriageConfig config) {
        int samples = config.policy().invariantSamples();
        if (samples < 0) {
            throw new IllegalStateException("triage.policy.invariant-samples must be 0 or more, got " + samples);
        }
        return new RuleSetValidator(compiler, runner,
                new RuleSetValidator.Options(samples, RuleSetValidator.Options.DEFAULT_SEED));
    }
}

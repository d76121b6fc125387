package io.triage.config;

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

    @Produces
    @Singleton
    RuleSetValidator validator(RuleSetCompiler compiler, GoldenRunner runner) {
        return new RuleSetValidator(compiler, runner);
    }
}

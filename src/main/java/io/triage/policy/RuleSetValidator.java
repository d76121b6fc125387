package io.triage.policy;

import io.triage.common.InvalidInputException;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.golden.GoldenReport;
import io.triage.golden.GoldenRunner;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;

import java.util.List;

/**
 * The one pipeline every candidate rule set goes through, whether it comes from disk or an
 * upload: safety check and compile, then every golden case, then rule coverage.
 */
public final class RuleSetValidator {

    /** A candidate and what was found; {@code ruleSet} is null when it did not compile. */
    public record Outcome(RuleSet ruleSet, ValidationReport report) {
    }

    private final RuleSetCompiler compiler;
    private final GoldenRunner runner;

    public RuleSetValidator(RuleSetCompiler compiler, GoldenRunner runner) {
        this.compiler = compiler;
        this.runner = runner;
    }

    public Outcome validate(RuleSetFiles files) {
        return validate(files, step -> { });
    }

    /** @param progress told what runs next ("compiling", "golden case <name>"), for a report of where a killed run was */
    public Outcome validate(RuleSetFiles files, java.util.function.Consumer<String> progress) {
        progress.accept("the compiler");
        RuleSetCompiler.Result compiled = compiler.compile(files);
        List<GoldenCase> cases;
        try {
            cases = GoldenCases.load(files);
        } catch (InvalidInputException e) {
            List<io.triage.common.InputError> errors = new java.util.ArrayList<>(compiled.errors());
            errors.addAll(e.errors());
            return new Outcome(null, new ValidationReport(files.version(), errors, null));
        }
        if (!compiled.ok()) {
            return new Outcome(null, new ValidationReport(files.version(), compiled.errors(), null));
        }
        GoldenReport golden = runner.run(compiled.ruleSet(), cases, c -> progress.accept("golden case " + c.name()));
        return new Outcome(compiled.ruleSet(), new ValidationReport(files.version(), List.of(), golden));
    }
}

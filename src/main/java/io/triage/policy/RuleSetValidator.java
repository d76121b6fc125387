package io.triage.policy;

import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.golden.GoldenCase;
import io.triage.golden.GoldenCases;
import io.triage.golden.GoldenReport;
import io.triage.golden.GoldenRunner;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;
import io.triage.schema.DataFileSchemas;

import java.util.ArrayList;
import java.util.List;

/**
 * The one pipeline every candidate rule set goes through, whether it comes from disk or an
 * upload: the data files against their schemas, safety check and compile, then every golden case,
 * then rule coverage.
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
        progress.accept("the schemas");
        List<InputError> schemaErrors = DataFileSchemas.check(files);
        progress.accept("the compiler");
        RuleSetCompiler.Result compiled = compiler.compile(files);
        List<InputError> errors = new ArrayList<>(compiled.errors());
        List<GoldenCase> cases = List.of();
        try {
            cases = GoldenCases.load(files);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        errors = DataFileSchemas.alongside(schemaErrors, errors);
        if (!errors.isEmpty()) {
            return new Outcome(null, new ValidationReport(files.version(), errors, null));
        }
        GoldenReport golden = runner.run(compiled.ruleSet(), cases, c -> progress.accept("golden case " + c.name()));
        return new Outcome(compiled.ruleSet(), new ValidationReport(files.version(), List.of(), golden));
    }
}

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
import io.triage.rules.language.RuleLanguage;
import io.triage.rules.language.RuleSource;
import io.triage.schema.DataFileSchemas;

import java.util.ArrayList;
import java.util.List;

/**
 * The one pipeline every candidate rule set goes through, whether it comes from disk or an
 * upload: the data files against their schemas, safety check and compile (every rule naming its
 * {@code @source}), then every golden case and rule coverage, then the invariants on the golden
 * cases' answers and on generated questionnaires, then the lint warnings.
 *
 * <p>INVARIANT: a pure function of (files, options) to a report: plain Java, no container, no
 * database, nothing kept between calls, so it can run in a separate worker process.
 */
public final class RuleSetValidator {

    /**
     * How hard the invariants are checked: {@code invariantSamples} generated questionnaires on top
     * of the golden cases' answers and the threshold sweep, from {@code seed}.
     */
    public record Options(int invariantSamples, long seed) {

        public static final int DEFAULT_SAMPLES = 1000;
        public static final long DEFAULT_SEED = 12;
        public static final Options DEFAULTS = new Options(DEFAULT_SAMPLES, DEFAULT_SEED);

        public Options {
            if (invariantSamples < 0) {
                throw new IllegalArgumentException("the number of generated invariant samples must be 0 or more, got "
                        + invariantSamples);
            }
        }
    }

    /** A candidate and what was found; {@code ruleSet} is null when it did not compile. */
    public record Outcome(RuleSet ruleSet, ValidationReport report) {
    }

    private final RuleSetCompiler compiler;
    private final GoldenRunner runner;
    private final InvariantChecker invariants;
    private final Options options;

    public RuleSetValidator(RuleSetCompiler compiler, GoldenRunner runner) {
        this(compiler, runner, Options.DEFAULTS);
    }

    public RuleSetValidator(RuleSetCompiler compiler, GoldenRunner runner, Options options) {
        this.compiler = compiler;
        this.runner = runner;
        this.invariants = new InvariantChecker(runner.evaluator());
        this.options = options;
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
        // INVARIANT: every rule of a version that passes names the guidance it encodes
        for (var drl : files.drlFiles().entrySet()) {
            errors.addAll(RuleLanguage.withoutSource(RuleSource.of(drl.getKey(), drl.getValue())));
        }
        List<GoldenCase> cases = List.of();
        try {
            cases = GoldenCases.load(files);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        RuleSet ruleSet = compiled.ruleSet();
        List<Invariant> declared = List.of();
        try {
            declared = InvariantsFile.parse(files.get(RuleSetFiles.INVARIANTS), ruleSet == null
                    ? new InvariantsFile.Context(null, null, null)
                    : new InvariantsFile.Context(ruleSet.questionnaire(), ruleSet.catalogue(), ruleSet.parameters()));
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        errors = DataFileSchemas.alongside(schemaErrors, errors);
        if (!errors.isEmpty()) {
            return new Outcome(null, ValidationReport.refused(files.version(), errors));
        }
        GoldenReport golden = runner.run(ruleSet, cases, c -> progress.accept("golden case " + c.name()));
        // a candidate whose golden cases fail is refused already; sampling it could only take long (a
        // looping rule set goes to its budget on every sample) and add nothing to fix first
        InvariantReport checked = null;
        if (golden.allCasesPass()) {
            progress.accept("the invariants");
            checked = invariants.check(ruleSet, declared, cases, options.invariantSamples(), options.seed());
        }
        return new Outcome(ruleSet, new ValidationReport(files.version(), List.of(), golden, checked, RuleLint.check(ruleSet)));
    }
}

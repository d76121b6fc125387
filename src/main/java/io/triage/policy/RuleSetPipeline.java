package io.triage.policy;

import io.triage.audit.CompiledVersions;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetFiles;
import io.triage.store.RuleSetHistory;
import io.triage.store.RuleSetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The one way a rule set becomes a candidate, from disk or from an upload: safety check, compile,
 * golden cases, coverage — then its sources and report are stored, whether it passed or not, so the
 * history shows every attempt. Nothing here activates anything.
 */
@ApplicationScoped
public class RuleSetPipeline {

    private static final Logger LOG = Logger.getLogger(RuleSetPipeline.class);

    /** Where a candidate came from. */
    public enum Origin { DISK, UPLOAD, STARTUP }

    /** A submitted candidate: compiled if it compiled, with its report and stored record. */
    public record Result(RuleSet ruleSet, ValidationReport report, RuleSetHistory.Candidate candidate, boolean isNew) {

        public boolean passed() {
            return report.passed();
        }
    }

    private final RuleSetValidator validator;
    private final RuleSetRepository repository;
    private final RuleSetHistory history;
    private final CompiledVersions compiled;

    RuleSetPipeline(RuleSetValidator validator, RuleSetRepository repository, RuleSetHistory history, CompiledVersions compiled) {
        this.validator = validator;
        this.repository = repository;
        this.history = history;
        this.compiled = compiled;
    }

    public Result submit(RuleSetFiles files, Origin origin, String submittedBy) {
        boolean isNew = history.candidate(files.version()).isEmpty();
        long start = System.nanoTime();
        RuleSetValidator.Outcome outcome = validator.validate(files);
        long millis = (System.nanoTime() - start) / 1_000_000;
        ValidationReport report = outcome.report();
        // INVARIANT: sources are stored before the report, and both before anything can activate them.
        repository.save(files, submittedBy);
        RuleSetHistory.Candidate candidate = history.saveCandidate(files.version(), report.passed(), report.toJson(),
                origin.name().toLowerCase(), submittedBy);
        if (outcome.ruleSet() != null && report.passed()) {
            compiled.remember(outcome.ruleSet());
        }
        LOG.infof("rule set %s from %s by %s: %s in %d ms", files.version(), origin.name().toLowerCase(), submittedBy,
                report.passed() ? "passed" : "refused (" + report.problems().size() + " problems)", millis);
        return new Result(outcome.ruleSet(), report, candidate, isNew);
    }
}

package io.triage.policy;

import io.triage.cluster.ClusterEvents;
import io.triage.engine.EvaluationBudget;
import io.triage.engine.Evaluator;
import io.triage.history.RuleSetCandidate;
import io.triage.rules.CompiledVersions;
import io.triage.rules.RuleSetFiles;
import io.triage.store.ChangeNotes;
import io.triage.store.RuleSetHistory;
import io.triage.store.RuleSetRepository;
import io.triage.worker.Worker;
import io.triage.worker.WorkerFailure;
import io.triage.worker.WorkerRequests;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * The one way a rule set becomes a candidate, from disk or from an upload. Its sources and the
 * start of its validation are recorded first; then it is validated in the confined worker
 * (rule-language check, compile, golden cases, coverage) — never in this process, since until it
 * has passed, its rules are code nobody vouched for. The report is stored whether it passed or
 * not, and a run that timed out or killed the worker is recorded as such. Nothing here activates.
 */
@ApplicationScoped
public class RuleSetPipeline {

    private static final Logger LOG = Logger.getLogger(RuleSetPipeline.class);

    /** Where a candidate came from. */
    public enum Origin { DISK, UPLOAD, STARTUP }

    /** A submitted candidate with its report and stored record ({@code candidate} is empty when validation did not finish). */
    public record Result(String version, CandidateReport report, Optional<RuleSetCandidate> candidate, boolean isNew) {

        public boolean passed() {
            return report.passed();
        }
    }

    private final Worker worker;
    private final EvaluationBudget budget;
    private final RuleSetRepository repository;
    private final RuleSetHistory history;
    private final CompiledVersions compiled;
    private final ChangeNotes notes;
    private final ClusterEvents events;
    private final RuleSetValidator.Options options;

    RuleSetPipeline(Worker worker, Evaluator evaluator, RuleSetValidator.Options options, RuleSetRepository repository,
                    RuleSetHistory history, CompiledVersions compiled, ChangeNotes notes, ClusterEvents events) {
        this.worker = worker;
        this.options = options;
        this.budget = evaluator.budget();
        this.repository = repository;
        this.history = history;
        this.compiled = compiled;
        this.notes = notes;
        this.events = events;
    }

    public Result submit(RuleSetFiles files, Origin origin, String submittedBy) {
        return submit(files, origin, submittedBy, null);
    }

    /** @param note why the change is made ({@link ChangeNote#clean cleaned}), or null; kept with the version even if it was submitted before */
    public Result submit(RuleSetFiles files, Origin origin, String submittedBy, String note) {
        String version = files.version();
        Optional<RuleSetCandidate> known = history.candidate(version);
        if (known.isPresent()) {
            if (note != null) {
                notes.add(version, note, submittedBy);
            }
            // the same content was validated before and would get the same report
            return new Result(version, new CandidateReport(known.get().report()), known, false);
        }
        // INVARIANT: the sources, the note and the start of the run are recorded before any of it runs
        repository.save(files, submittedBy);
        if (note != null) {
            notes.add(version, note, submittedBy);
        }
        long attempt = history.startAttempt(version, origin.name().toLowerCase(), submittedBy);
        long start = System.nanoTime();
        CandidateReport report;
        try {
            // at startup no worker is warm yet and the machine is busy starting the service
            Duration limit = origin == Origin.STARTUP ? worker.startupTimeout() : worker.timeout();
            report = new CandidateReport(worker.run(WorkerRequests.validate(files, budget, options.invariantSamples(), options.seed()), null, null, limit).path("report"));
        } catch (WorkerFailure failure) {
            report = CandidateReport.unfinished(version, failure);
            history.finishAttempt(attempt, report.json().path("worker").path("outcome").asText(), failure.describe());
            LOG.warnf("rule set %s from %s by %s: validation did not finish: %s", version, origin.name().toLowerCase(),
                    submittedBy, failure.describe());
            return new Result(version, report, Optional.empty(), true);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        RuleSetCandidate candidate = history.saveCandidate(version, report.passed(), report.json(),
                origin.name().toLowerCase(), submittedBy);
        history.finishAttempt(attempt, report.passed() ? "passed" : "refused",
                report.passed() ? null : report.problems().size() + " problems");
        long compileStart = System.nanoTime();
        if (report.passed()) {
            // trusted now: compiled here once, and by every other instance, so activating it costs nothing
            compiled.compileTrusted(files);
            events.publish(ActiveVersionSync.VERSION_PASSED, version);
        }
        LOG.infof("rule set %s from %s by %s: %s in %d ms in the worker, %d ms here", version, origin.name().toLowerCase(), submittedBy,
                report.passed() ? "passed" : "refused (" + report.problems().size() + " problems)", millis,
                (System.nanoTime() - compileStart) / 1_000_000);
        return new Result(version, report, Optional.of(candidate), true);
    }
}

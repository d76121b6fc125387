package io.triage.workerchild;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.engine.Evaluator;
import io.triage.golden.GoldenRunner;
import io.triage.policy.RuleSetValidator;
import io.triage.policy.ValidationReport;
import io.triage.rules.RuleSetFiles;

/**
 * Validates a candidate inside the worker: rule-language check, compile, every golden case and
 * coverage, exactly as {@link RuleSetValidator} defines it. Says which step it is on before each
 * one, so a run killed on its time limit is reported with the case it was on.
 */
final class ValidateJob {

    private final WorkerMain worker;

    ValidateJob(WorkerMain worker) {
        this.worker = worker;
    }

    void run(JsonNode request) {
        RuleSetFiles files = WorkerFiles.of(request.path("files"));
        JsonNode invariants = request.path("invariants");
        RuleSetValidator.Options options = new RuleSetValidator.Options(
                invariants.path("samples").asInt(RuleSetValidator.Options.DEFAULT_SAMPLES),
                invariants.path("seed").asLong(RuleSetValidator.Options.DEFAULT_SEED));
        RuleSetValidator validator = new RuleSetValidator(worker.compiler(),
                new GoldenRunner(new Evaluator(WorkerFiles.budget(request))), options);
        ValidationReport report = validator.validate(files, worker::progress).report();
        worker.send(worker.message("result").set("report", report.toJson()));
    }
}

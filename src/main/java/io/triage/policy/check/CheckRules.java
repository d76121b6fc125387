package io.triage.policy.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.engine.EvaluationBudget;
import io.triage.json.CanonicalJson;
import io.triage.policy.CandidateReport;
import io.triage.policy.RuleSetValidator;
import io.triage.rules.RuleSetFiles;
import io.triage.worker.Worker;
import io.triage.worker.WorkerFailure;
import io.triage.worker.WorkerRequests;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Checks a rules folder and a golden-case folder offline — no service, no database — exactly as
 * the service checks a candidate: schemas, rule-language check, compile, every golden case,
 * coverage, invariants, lint warnings, and whatever else the validation report carries. The rule code runs only in a
 * confined worker process, as {@link io.triage.audit.BundleVerifier} runs a bundle's: a rules
 * folder is code from whoever wrote it.
 *
 * <pre>mvn -q compile exec:java@check-rules -Drules=rules -Dcases=test-cases [-Dformat=json] [-Dreport=file]</pre>
 *
 * Prints {@code file:line:column: error: message} lines and a summary (or the report as JSON),
 * to standard output or into the report file, and exits 0 when the rule set passes, 1 when it does
 * not, 2 on a wrong command line.
 */
public final class CheckRules {

    private CheckRules() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 4 || (args.length >= 3 && !args[2].matches("text|json"))) {
            System.err.println("usage: CheckRules <rules folder> <golden-case folder> [text|json] [report file, - for standard output]");
            System.exit(2);
        }
        boolean json = args.length >= 3 && args[2].equals("json");
        String report = args.length == 4 ? args[3] : "-";
        Worker worker = new Worker("256m", Duration.ofMinutes(2), Duration.ofMinutes(2), false);
        if (report.equals("-")) {
            System.exit(run(Path.of(args[0]), Path.of(args[1]), json, System.out, worker));
        }
        // Maven writes terminal codes around a plugin's standard output; a file holds the report alone
        int status;
        try (PrintStream file = new PrintStream(report, StandardCharsets.UTF_8)) {
            status = run(Path.of(args[0]), Path.of(args[1]), json, file, worker);
        } catch (IOException e) {
            System.err.println("cannot write the report to " + report + ": " + e.getMessage());
            status = 2;
        }
        if (status != 2) {
            System.out.println((status == 0 ? "PASSED" : "FAILED") + ": the report is in " + report);
        }
        System.exit(status);
    }

    /** @return 0 when the rule set passes, 1 when it does not or cannot be checked */
    public static int run(Path rules, Path cases, boolean json, PrintStream out, Worker worker) {
        RuleSetFiles files;
        try {
            files = RuleSetFiles.load(rules, cases);
        } catch (InvalidInputException e) {
            return unreadable(e, json, out);
        }
        JsonNode report;
        try {
            RuleSetValidator.Options options = RuleSetValidator.Options.DEFAULTS;
            report = worker.run(WorkerRequests.validate(files, EvaluationBudget.DEFAULT, options.invariantSamples(), options.seed()))
                    .path("report");
        } catch (WorkerFailure e) {
            out.println(json ? CanonicalJson.MAPPER.createObjectNode().put("version", files.version()).put("passed", false)
                    .put("unfinished", e.describe()).toPrettyString() : "error: the check did not finish: " + e.describe());
            return 1;
        }
        if (json) {
            out.println(report.toPrettyString());
        } else {
            ReportText.lines(report).forEach(out::println);
        }
        return new CandidateReport(report).passed() ? 0 : 1;
    }

    private static int unreadable(InvalidInputException e, boolean json, PrintStream out) {
        if (json) {
            var node = CanonicalJson.MAPPER.createObjectNode().put("passed", false);
            var errors = node.putArray("errors");
            e.errors().forEach(err -> errors.add(CanonicalJson.MAPPER.valueToTree(err)));
            out.println(node.toPrettyString());
        } else {
            e.errors().forEach(err -> out.println(ReportText.line(err, "error")));
            out.println("FAILED: the folders cannot be read as a rule set");
        }
        return 1;
    }

}

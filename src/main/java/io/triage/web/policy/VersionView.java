package io.triage.web.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import io.triage.common.InputError;
import io.triage.history.RuleSetApproval;
import io.triage.history.RuleSetCandidate;
import io.triage.json.CanonicalJson;
import io.triage.rules.RuleSetFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One version and its validation report as the version page shows it, read from the stored report
 * (the same JSON the API returns): errors listed and placed in the source of their file, failing
 * golden cases with what they expected and got, rules no case fires.
 */
@TemplateData
public record VersionView(String version, String submittedBy, String submittedAt, String origin, boolean passed,
                          boolean compiled, boolean active, boolean twoPersonRule, String activateLabel,
                          List<String> errors, List<SourceListing> errorListings, String casesSummary,
                          List<FailingCase> failingCases, String coverageSummary, List<String> uncovered,
                          String invariantsSummary, List<BrokenInvariant> brokenInvariants, List<Warning> warnings,
                          List<Approval> approvals, List<String> files) {

    @TemplateData
    public record FailingCase(String name, String file, String description, List<String> failures) {
    }

    /** An invariant the candidate breaks, with the smallest answers found and them as a golden case. */
    @TemplateData
    public record BrokenInvariant(String invariant, String where, String description, String foundIn, String answers,
                                  String concluded, String counterexample) {
    }

    /** A lint finding: where, and what no rule uses. */
    @TemplateData
    public record Warning(String file, String where, String message) {
    }

    @TemplateData
    public record Approval(String by, String at) {
    }

    public String status() {
        return passed ? "passed" : "refused";
    }

    /** The errors of a stored report: unsafe code, compile errors, malformed files. */
    static List<InputError> errorsOf(JsonNode report) {
        List<InputError> errors = new ArrayList<>();
        report.path("errors").forEach(e -> errors.add(CanonicalJson.MAPPER.convertValue(e, InputError.class)));
        return errors;
    }

    static VersionView of(RuleSetCandidate candidate, Optional<RuleSetFiles> sources, boolean active,
                          boolean rollback, boolean twoPersonRule, List<RuleSetApproval> approvals) {
        JsonNode report = candidate.report();
        List<InputError> errors = errorsOf(report);

        List<SourceListing> listings = new ArrayList<>();
        sources.ifPresent(files -> errors.stream().filter(e -> e.line() != null).map(InputError::file).distinct()
                .filter(path -> files.get(path) != null)
                .forEach(path -> listings.add(SourceListing.of(path, files.get(path), errors))));

        List<FailingCase> failing = new ArrayList<>();
        for (JsonNode c : report.path("cases").path("results")) {
            if (!c.path("passed").asBoolean()) {
                List<String> failures = new ArrayList<>();
                c.path("failures").forEach(f -> failures.add(f.asText()));
                failing.add(new FailingCase(c.path("name").asText(), c.path("file").asText(),
                        c.path("description").asText(), failures));
            }
        }
        JsonNode cases = report.path("cases");
        String casesSummary = cases.isObject()
                ? cases.path("passed").asText() + " of " + cases.path("total").asText() + " golden cases pass."
                : "Golden cases not run: the rule set does not compile.";
        JsonNode coverage = report.path("coverage");
        List<String> uncovered = new ArrayList<>();
        coverage.path("uncovered").forEach(r -> uncovered.add(r.asText()));
        String coverageSummary = coverage.isObject()
                ? coverage.path("covered").asText() + " of " + coverage.path("rules").asText() + " rules are fired by a golden case."
                : "Coverage not measured: the rule set does not compile.";

        JsonNode invariants = report.path("invariants");
        List<BrokenInvariant> broken = new ArrayList<>();
        for (JsonNode v : invariants.path("violations")) {
            List<String> concluded = new ArrayList<>();
            v.path("concluded").forEach(c -> concluded.add(c.asText()));
            broken.add(new BrokenInvariant(v.path("invariant").asText(),
                    v.has("file") ? v.path("file").asText() + (v.has("line") ? ":" + v.path("line").asText() : "") : "built-in check",
                    v.path("description").asText(), v.path("foundIn").asText(), CanonicalJson.string(v.path("answers")),
                    concluded.isEmpty() ? "nothing" : String.join(", ", concluded), v.path("counterexample").asText()));
        }
        String invariantsSummary = !invariants.isObject()
                ? (!cases.isObject() ? "Invariants not checked: the rule set does not compile."
                        : report.has("invariants") ? "Invariants not checked: fix the failing golden cases first."
                        : "Invariants not checked: this version was validated before invariants existed.")
                : broken.isEmpty()
                ? "All " + invariants.path("checked").asText() + " invariants hold on " + invariants.path("samples").asText()
                        + " answer sets (golden cases and generated, seed " + invariants.path("seed").asText() + ")."
                : broken.size() + " of " + invariants.path("checked").asText() + " invariants are broken (checked on "
                        + invariants.path("samples").asText() + " answer sets, seed " + invariants.path("seed").asText() + ").";
        List<Warning> warnings = new ArrayList<>();
        for (JsonNode w : report.path("warnings")) {
            InputError e = CanonicalJson.MAPPER.convertValue(w, InputError.class);
            warnings.add(new Warning(e.file(), e.file() + (e.line() == null ? "" : ":" + e.line()), e.message()));
        }

        return new VersionView(candidate.version(), candidate.submittedBy(), Shown.time(candidate.submittedAt()),
                candidate.origin(), candidate.passed(), report.path("compiled").asBoolean(), active, twoPersonRule,
                rollback ? "Roll back to this version" : "Activate this version",
                errors.stream().map(InputError::describe).toList(), listings, casesSummary, failing, coverageSummary,
                uncovered, invariantsSummary, broken, warnings,
                approvals.stream().map(a -> new Approval(a.approvedBy(), Shown.time(a.approvedAt()))).toList(),
                sources.map(f -> List.copyOf(f.all().keySet())).orElse(List.of()));
    }
}

package io.triage.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.common.InputError;
import io.triage.golden.CaseResult;
import io.triage.golden.GoldenReport;

import java.util.List;

/**
 * What the pipeline found out about a candidate rule set: errors that stopped it (unsafe code,
 * compile errors, malformed files, each with file/line/column), else the golden-case report with
 * coverage, the invariant check and the lint warnings. Only a report that {@link #passed()} may
 * become active; warnings never stop a candidate.
 */
public record ValidationReport(String version, List<InputError> errors, GoldenReport golden, InvariantReport invariants,
                               List<InputError> warnings) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A candidate stopped by errors before any case ran. */
    public static ValidationReport refused(String version, List<InputError> errors) {
        return new ValidationReport(version, errors, null, null, List.of());
    }

    public boolean compiled() {
        return errors.isEmpty() && golden != null;
    }

    public boolean passed() {
        return compiled() && golden.passed() && (invariants == null || invariants.passed());
    }

    /**
     * The report as policy owners read it and as it is stored:
     * {@code {version, compiled, passed, errors[], warnings[], cases{total, passed, failed, results[]},
     * coverage{rules, covered, uncovered[]}, invariants{checked, samples, seed, violations[]}}}.
     */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("version", version);
        json.put("compiled", compiled());
        json.put("passed", passed());
        ArrayNode errorsJson = json.putArray("errors");
        errors.forEach(e -> errorsJson.add(MAPPER.valueToTree(e)));
        ArrayNode warningsJson = json.putArray("warnings");
        warnings.forEach(w -> warningsJson.add(MAPPER.valueToTree(w)));
        if (golden == null) {
            json.putNull("cases");
            json.putNull("coverage");
            json.putNull("invariants");
            return json;
        }
        ObjectNode cases = json.putObject("cases");
        long passedCases = golden.cases().stream().filter(CaseResult::passed).count();
        cases.put("total", golden.cases().size());
        cases.put("passed", passedCases);
        cases.put("failed", golden.cases().size() - passedCases);
        ArrayNode results = cases.putArray("results");
        for (CaseResult c : golden.cases()) {
            ObjectNode r = results.addObject();
            r.put("name", c.name());
            r.put("file", c.file());
            r.put("description", c.description());
            r.put("passed", c.passed());
            if (!c.passed()) {
                ArrayNode failures = r.putArray("failures");
                c.failures().forEach(failures::add);
            }
        }
        ObjectNode coverage = json.putObject("coverage");
        coverage.put("rules", golden.ruleCount());
        coverage.put("covered", golden.ruleCount() - golden.uncoveredRules().size());
        ArrayNode uncovered = coverage.putArray("uncovered");
        golden.uncoveredRules().forEach(uncovered::add);
        if (invariants == null) {
            json.putNull("invariants");
            return json;
        }
        ObjectNode checked = json.putObject("invariants");
        checked.put("checked", invariants.invariants());
        checked.put("samples", invariants.samples());
        checked.put("seed", invariants.seed());
        ArrayNode violations = checked.putArray("violations");
        for (Violation v : invariants.violations()) {
            ObjectNode item = violations.addObject();
            item.put("invariant", v.invariant());
            item.put("description", v.description());
            if (v.file() != null) {
                item.put("file", v.file());
            }
            if (v.line() != null) {
                item.put("line", v.line());
            }
            item.put("foundIn", v.foundIn());
            item.set("answers", v.answers());
            ArrayNode concluded = item.putArray("concluded");
            v.concluded().forEach(concluded::add);
            item.put("counterexample", v.counterexample());
        }
        return json;
    }

    /** One line per problem, for logs and startup messages. */
    public List<String> problems() {
        if (!errors.isEmpty()) {
            return errors.stream().map(InputError::describe).toList();
        }
        List<String> lines = new java.util.ArrayList<>();
        golden.failures().forEach(c -> c.failures().forEach(f -> lines.add(c.file() + ": " + f)));
        golden.uncoveredRules().forEach(r -> lines.add("rule '" + r + "' is not fired by any golden case"));
        if (invariants != null) {
            invariants.violations().forEach(v -> lines.add((v.file() == null ? "" : v.file() + (v.line() == null ? "" : ":" + v.line()) + ": ")
                    + "invariant '" + v.invariant() + "' is broken by " + v.answers()));
        }
        return lines;
    }
}

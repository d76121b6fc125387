package io.triage.policy;

import io.triage.common.InputError;
import io.triage.golden.GoldenReport;

import java.util.List;

/**
 * What the pipeline found out about a candidate rule set: errors that stopped it (unsafe code,
 * compile errors, malformed files, each with file/line/column), else the golden-case report with
 * coverage. Only a report that {@link #passed()} may become active.
 */
public record ValidationReport(String version, List<InputError> errors, GoldenReport golden) {

    public boolean compiled() {
        return errors.isEmpty() && golden != null;
    }

    public boolean passed() {
        return compiled() && golden.passed();
    }

    /** One line per problem, for logs and startup messages. */
    public List<String> problems() {
        if (!errors.isEmpty()) {
            return errors.stream().map(InputError::describe).toList();
        }
        List<String> lines = new java.util.ArrayList<>();
        golden.failures().forEach(c -> c.failures().forEach(f -> lines.add(c.file() + ": " + f)));
        golden.uncoveredRules().forEach(r -> lines.add("rule '" + r + "' is not fired by any golden case"));
        return lines;
    }
}

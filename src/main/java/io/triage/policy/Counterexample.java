package io.triage.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.questionnaire.Question;
import io.triage.questionnaire.Questionnaire;
import io.triage.rules.Catalogue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a counterexample as a golden case: the breaking answers (in questionnaire order, every
 * text quoted so that a choice such as {@code no} stays a text) and an expectation that fails now
 * and holds once the rules keep the invariant. Where the invariant does not say which way to fix it
 * (an answer cannot change, "some strategy"), a comment says what was chosen.
 */
final class Counterexample {

    /** What the golden case expects, and a note on any choice made on the policy owner's behalf. */
    record Expectation(List<String> present, List<String> absent, String note) {
    }

    private Counterexample() {
    }

    static Expectation expectation(Invariant invariant, Condition.Decision d, Catalogue catalogue) {
        Set<String> present = new LinkedHashSet<>();
        Set<String> absent = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        List<String> whenCodes = invariant.when() == null ? List.of() : concluded(invariant.when().codesMentioned(), d);
        if (invariant.then() != null && !whenCodes.isEmpty()) {
            // "X only with Y" reads as: without Y, no X
            absent.addAll(whenCodes);
            Condition then = invariant.then();
            boolean asksForCodes = !then.present().isEmpty() || !then.absent().isEmpty() || !then.anyPresent().isEmpty()
                    || then.kindPresent() != null || !then.anyOf().isEmpty();
            notes.add(asksForCodes
                    ? "the invariant also holds if the rules conclude what its 'then' asks instead; expect that here if it is the fix you choose"
                    : "these answers cannot change, so the rules must not conclude " + String.join(", ", whenCodes) + " from them");
        } else if (invariant.then() != null) {
            Condition then = invariant.then();
            then.present().stream().filter(c -> !d.codes().contains(c)).forEach(present::add);
            then.absent().stream().filter(d.codes()::contains).forEach(absent::add);
            if (!then.anyPresent().isEmpty() && then.anyPresent().stream().noneMatch(d.codes()::contains)) {
                present.add(then.anyPresent().get(0));
                notes.add("any of " + String.join(", ", then.anyPresent()) + " would do");
            }
            if (then.kindPresent() != null && !d.kinds().contains(then.kindPresent())) {
                catalogue.entries().stream().filter(e -> e.kind().equals(then.kindPresent())).findFirst()
                        .ifPresent(e -> present.add(e.code()));
                notes.add("any " + then.kindPresent().id() + " would do; the first in the catalogue is written");
            }
        } else {
            Condition never = invariant.never();
            if (!never.present().isEmpty()) {
                absent.add(never.present().get(never.present().size() - 1));
            }
            absent.addAll(concluded(never.anyPresent(), d));
            if (never.kindPresent() != null) {
                catalogue.entries().stream().filter(e -> e.kind().equals(never.kindPresent()) && d.codes().contains(e.code()))
                        .forEach(e -> absent.add(e.code()));
            }
            if (absent.isEmpty()) {
                absent.addAll(whenCodes);
            }
        }
        if (present.isEmpty() && absent.isEmpty()) {
            absent.addAll(whenCodes);
        }
        return new Expectation(List.copyOf(present), List.copyOf(absent), String.join("; ", notes));
    }

    private static List<String> concluded(List<String> codes, Condition.Decision d) {
        return codes.stream().filter(d.codes()::contains).distinct().toList();
    }

    static String yaml(String what, String description, String foundIn, JsonNode answers, Questionnaire questionnaire,
                       Expectation expect) {
        StringBuilder y = new StringBuilder();
        y.append("# Breaks ").append(what).append(". Found in ").append(foundIn)
                .append(", then made as small as it still breaks it.\n");
        y.append("# It fails on the refused rule set and passes once the rules keep the invariant.\n");
        if (!expect.note().isEmpty()) {
            y.append("# Note: ").append(expect.note()).append(".\n");
        }
        y.append("description: ").append(quoted(description)).append('\n');
        y.append("answers: {");
        List<String> parts = new ArrayList<>();
        for (Question q : questionnaire.questions()) {
            JsonNode value = answers.get(q.id());
            if (value != null) {
                parts.add(q.id() + ": " + (value.isTextual() ? quoted(value.textValue())
                        : value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : value.toString()));
            }
        }
        y.append(parts.isEmpty() ? "" : " " + String.join(", ", parts) + " ").append("}\n");
        y.append("expect:\n");
        if (expect.present().isEmpty() && expect.absent().isEmpty()) {
            y.append("  noCost: false   # any expectation fails while the rules cannot evaluate these answers\n");
        }
        if (!expect.present().isEmpty()) {
            y.append("  present: [").append(String.join(", ", expect.present())).append("]\n");
        }
        if (!expect.absent().isEmpty()) {
            y.append("  absent: [").append(String.join(", ", expect.absent())).append("]\n");
        }
        return y.toString();
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + '"';
    }
}

package io.triage.rules;

import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.common.StrictYaml;
import io.triage.common.YamlPositions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the intermediate terms rules draw ({@code narrow_task}, {@code amortizes}, …) say in plain
 * language, from {@code rules/terms.yaml}: the sentences of a decision's why-trees. A label may hold
 * the placeholders of recommendation texts and {@code {value}}, the term's own number. A term may
 * also name the strategies it means the buyer asked about ({@code asksAbout}): when it is drawn and
 * they are not recommended, "what would change the advice" says what would bring them in.
 *
 * <p>A rule set without the file (every version before why-trees existed) makes decisions without
 * them, exactly as it always did, so its stored decisions replay byte for byte.
 */
public final class TermLabels {

    /** The placeholder for the term's own number. */
    public static final String VALUE = "value";

    public record Label(String name, String label, List<String> asksAbout) {

        public Label {
            asksAbout = asksAbout == null ? List.of() : List.copyOf(asksAbout);
        }
    }

    record Document(List<Label> terms) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public static final TermLabels NONE = new TermLabels(null);

    // INVARIANT: null exactly when the rule set has no terms file; file order otherwise
    private final Map<String, Label> byName;

    private TermLabels(Map<String, Label> byName) {
        this.byName = byName;
    }

    /**
     * @param catalogue to check that {@code asksAbout} names strategies; null when it did not parse
     * @param placeholders every name a text may quote
     */
    public static TermLabels parse(String file, String content, Catalogue catalogue, Set<String> placeholders) {
        Document doc = StrictYaml.read(file, content, Document.class);
        YamlPositions positions = YamlPositions.of(content);
        List<InputError> errors = new ArrayList<>();
        Map<String, Label> byName = new LinkedHashMap<>();
        if (doc.terms() == null) {
            errors.add(InputError.file(file, "invalid_terms", "the file needs a 'terms' list"));
        }
        Set<String> known = new java.util.HashSet<>(placeholders);
        known.add(VALUE);
        for (Label l : doc.terms() == null ? List.<Label>of() : doc.terms()) {
            if (l.name() == null || !NAME.matcher(l.name()).matches()) {
                errors.add(InputError.file(file, "invalid_terms", "term name '" + l.name()
                        + "' must be lower_snake_case, at most 64 characters"));
                continue;
            }
            int at = positions.find("name", l.name()).map(YamlPositions.Entry::keyStart).orElse(0);
            if (byName.containsKey(l.name())) {
                errors.add(positions.at(file, at, "invalid_terms", "term '" + l.name() + "' appears twice"));
            }
            if (l.label() == null || l.label().isBlank()) {
                errors.add(positions.at(file, at, "invalid_terms", "term '" + l.name() + "' needs a 'label'"));
                continue;
            }
            for (String problem : TextTemplates.problems(l.label(), known)) {
                errors.add(positions.at(file, at, "unknown_placeholder", "term '" + l.name() + "' label: " + problem));
            }
            for (String code : l.asksAbout()) {
                if (catalogue != null && !catalogue.entry(code).map(e -> e.kind() == RecommendationKind.STRATEGY).orElse(false)) {
                    errors.add(positions.at(file, at, "invalid_terms", "term '" + l.name() + "' asks about '" + code
                            + "', which is no strategy in " + RuleSetFiles.RECOMMENDATIONS));
                }
            }
            byName.put(l.name(), l);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid term labels", errors);
        }
        return new TermLabels(byName);
    }

    /** Whether the rule set has a terms file, and so its decisions carry why-trees. */
    public boolean present() {
        return byName != null;
    }

    public Optional<Label> get(String name) {
        return byName == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    public List<Label> labels() {
        return byName == null ? List.of() : List.copyOf(byName.values());
    }
}

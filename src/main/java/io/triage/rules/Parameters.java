package io.triage.rules;

import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.common.StrictYaml;
import io.triage.common.YamlPositions;
import io.triage.facts.Parameter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The policy parameters of a rule set, from {@code rules/parameters.yaml}: thresholds that are
 * policy, kept as data so a policy owner tunes them without touching rule logic. Each has a name,
 * a number, its unit, what it means and the source it rests on. Every decision's session gets them
 * as {@link Parameter} facts. A rule set without the file has no parameters.
 */
public final class Parameters {

    public record Definition(String name, BigDecimal value, String unit, String meaning, String source) {
    }

    record Document(List<Definition> parameters) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public static final Parameters NONE = new Parameters(new LinkedHashMap<>());

    // INVARIANT: file order; facts are immutable and shared by every session of the rule set.
    private final Map<String, Definition> byName;
    private final List<Parameter> facts;

    private Parameters(Map<String, Definition> byName) {
        this.byName = byName;
        this.facts = byName.values().stream().map(d -> new Parameter(d.name(), d.value())).toList();
    }

    public static Parameters parse(String file, String content) {
        Document doc = StrictYaml.read(file, content, Document.class);
        YamlPositions positions = YamlPositions.of(content);
        List<InputError> errors = new ArrayList<>();
        Map<String, Definition> byName = new LinkedHashMap<>();
        if (doc.parameters() == null) {
            errors.add(InputError.file(file, "invalid_parameters", "the file needs a 'parameters' list"));
        }
        for (Definition d : doc.parameters() == null ? List.<Definition>of() : doc.parameters()) {
            String name = d.name();
            if (name == null || !NAME.matcher(name).matches()) {
                errors.add(InputError.file(file, "invalid_parameters", "parameter name '" + name + "' must be lower_snake_case"));
                continue;
            }
            int at = positions.find("name", name).map(YamlPositions.Entry::keyStart).orElse(0);
            if (byName.containsKey(name)) {
                errors.add(positions.at(file, at, "invalid_parameters", "parameter '" + name + "' appears twice"));
            }
            if (d.value() == null) {
                errors.add(positions.at(file, at, "invalid_parameters", "parameter '" + name + "' needs a number as its 'value'"));
                continue;
            }
            if (blank(d.unit()) || blank(d.meaning()) || blank(d.source())) {
                errors.add(positions.at(file, at, "invalid_parameters",
                        "parameter '" + name + "' needs a 'unit', a 'meaning' and a 'source'"));
            }
            byName.put(name, d);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid parameters", errors);
        }
        return new Parameters(byName);
    }

    public Optional<Definition> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<Definition> definitions() {
        return List.copyOf(byName.values());
    }

    /** One fact per parameter, in file order, for every session of this rule set. */
    public List<Parameter> facts() {
        return facts;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

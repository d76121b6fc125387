package io.triage.rules;

import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule-set version read against the guidance it encodes: each source a rule names in
 * {@code @source} (a rule naming "A; B" is listed under both), the rules under it in file order, and
 * the codes and terms each rule concludes, read from its action as written. So a reviewer can check
 * the policy section by section; a rule without a source is listed under "(no source)".
 */
public record PolicyMap(String version, List<SourceEntry> sources) {

    public static final String NO_SOURCE = "(no source)";

    public record SourceEntry(String source, List<RuleEntry> rules, List<String> codes) {
    }

    public record RuleEntry(String id, String name, String file, String source, List<String> codes, List<String> terms) {
    }

    private static final Pattern CODE = Pattern.compile("new\\s+Recommendation\\s*\\(\\s*\"([A-Z0-9_]+)\"");
    private static final Pattern TERM = Pattern.compile("new\\s+Term\\s*\\(\\s*\"([a-z0-9_]+)\"");

    public static PolicyMap of(RuleSet ruleSet) {
        Map<String, List<RuleEntry>> bySource = new TreeMap<>();
        for (Map.Entry<String, String> file : ruleSet.files().drlFiles().entrySet()) {
            for (RuleEntry rule : rules(file.getKey(), file.getValue())) {
                for (String source : split(rule.source())) {
                    bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(rule);
                }
            }
        }
        List<SourceEntry> sources = new ArrayList<>();
        bySource.forEach((source, rules) -> {
            Set<String> codes = new LinkedHashSet<>();
            rules.forEach(r -> codes.addAll(r.codes()));
            List<String> ordered = new ArrayList<>(codes);
            ordered.sort(java.util.Comparator.comparingInt(ruleSet.catalogue()::positionOf));
            sources.add(new SourceEntry(source, List.copyOf(rules), List.copyOf(ordered)));
        });
        return new PolicyMap(ruleSet.version(), List.copyOf(sources));
    }

    static List<String> split(String source) {
        if (source == null || source.isBlank()) {
            return List.of(NO_SOURCE);
        }
        List<String> parts = new ArrayList<>();
        for (String part : source.split(";")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts.isEmpty() ? List.of(NO_SOURCE) : parts;
    }

    private static List<RuleEntry> rules(String file, String text) {
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException | RuntimeException e) {
            return List.of();
        }
        if (pkg == null) {
            return List.of();
        }
        List<RuleEntry> rules = new ArrayList<>();
        for (RuleDescr rule : pkg.getRules()) {
            String consequence = rule.getConsequence() == null ? "" : rule.getConsequence().toString();
            rules.add(new RuleEntry(annotation(rule, "id"), rule.getName(), file, annotation(rule, "source"),
                    all(CODE, consequence), all(TERM, consequence)));
        }
        return rules;
    }

    private static String annotation(RuleDescr rule, String name) {
        AnnotationDescr a = rule.getAnnotation(name);
        Object value = a == null ? null : a.getValue();
        return value == null ? null : value.toString().replace("\"", "").strip();
    }

    private static List<String> all(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return List.copyOf(found);
    }
}

package io.triage.rules.language;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import io.triage.common.InputError;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule language Triage accepts: a small subset of DRL in which the only effect a rule can
 * have is to insert facts of the fact model. Checked on parsed code, never on words: each file is
 * parsed by Drools' own DRL parser (the one the compiler uses) after its unicode escapes are
 * translated, and every condition and action is parsed again and checked name by name against an
 * allowlist. Anything outside it is refused with file, line, column and a one-line reason, before
 * anything is compiled.
 *
 * <p>Allowed: {@code package rules;}; imports of fact types ({@code io.triage.facts.*}) and of
 * {@code java.util.List}, {@code java.util.Collection}, {@code java.math.BigDecimal}; rules with
 * {@code @id("...")} and {@code @source("...")} (string literals), {@code salience <integer>} and
 * {@code no-loop}; the conditions {@link ConditionCheck} allows; the actions {@link ActionCheck}
 * allows. Not allowed: {@code function}, {@code global}, {@code query}, {@code declare},
 * {@code eval}, other dialects, other attributes, named consequences, rule inheritance.
 */
public final class RuleLanguage {

    public static final String PACKAGE = "rules";
    public static final Set<String> ANNOTATIONS = Set.of("id", "source");
    private static final Pattern SALIENCE = Pattern.compile("-?\\d{1,6}");

    private final FactModel model;

    public RuleLanguage(ClassLoader classLoader) {
        this.model = new FactModel(classLoader);
    }

    /**
     * Every way a file leaves the rule language; empty when it may be compiled.
     *
     * @param conclusions what a literal recommendation code (and variant) must be; one outside is refused
     */
    public List<InputError> check(RuleSource source, ConclusionCheck conclusions) {
        Violations violations = new Violations(source);
        if (source.leftoverEscape() >= 0) {
            violations.at(source.leftoverEscape(), "an escaped unicode escape is not allowed; write the character itself");
            return violations.errors();
        }
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, source.text());
        } catch (DroolsParserException | RuntimeException e) {
            pkg = null;
        }
        if (pkg == null || parser.hasErrors()) {
            // nothing is handed to the compiler that this parser could not read in full
            for (org.drools.drl.parser.DroolsError error : parser.getErrors()) {
                int offset = error instanceof org.drools.drl.parser.ParserError p && p.getRow() > 0
                        ? source.offsetOf(p.getRow(), p.getCol()) : -1;
                violations.add("syntax_error", offset, DroolsText.oneLine(error.getMessage()));
            }
            if (violations.isEmpty()) {
                violations.add("syntax_error", -1, "the file cannot be read as DRL");
            }
            return violations.errors();
        }
        TypeNames types = new TypeNames(model);
        JavaParser java = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17).setAttributeComments(false));
        packageLevel(pkg, source, types, violations);
        for (RuleDescr rule : pkg.getRules()) {
            rule(java, rule, source, types, violations, conclusions);
        }
        return violations.errors();
    }

    /**
     * Rules that do not say which guidance they encode: no {@code @source("...")}, or an empty one,
     * each at its line. Part of the validation gate, not of compiling, so versions stored before
     * sources were required still compile for replay.
     */
    public static List<InputError> withoutSource(RuleSource source) {
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, source.text());
        } catch (DroolsParserException | RuntimeException e) {
            return List.of();
        }
        if (pkg == null || parser.hasErrors()) {
            // the language check reports why the file cannot be read
            return List.of();
        }
        Violations missing = new Violations(source);
        for (RuleDescr rule : pkg.getRules()) {
            AnnotationDescr annotation = rule.getAnnotation("source");
            Object value = annotation == null ? null : annotation.getValue();
            String text = value == null ? "" : value.toString().replace("\"", "").strip();
            if (text.isEmpty()) {
                missing.add("missing_rule_source", offset(source, rule), "rule \"" + rule.getName()
                        + "\" needs @source(\"...\"): the section of the guidance it encodes, or any reference");
            }
        }
        return missing.errors();
    }

    private void packageLevel(PackageDescr pkg, RuleSource source, TypeNames types, Violations v) {
        if (!PACKAGE.equals(pkg.getNamespace())) {
            v.at(0, "the package must be 'package " + PACKAGE + ";', not '" + pkg.getNamespace() + "'");
        }
        for (ImportDescr i : pkg.getImports()) {
            if (!types.addImport(i.getTarget())) {
                v.at(offset(source, i), "import of '" + i.getTarget() + "' is not allowed; import fact types from "
                        + FactModel.FACT_PACKAGE + " (or java.util.List, java.util.Collection, java.math.BigDecimal)");
            }
        }
        refuseAll(source, v, pkg.getAttributes(), "package-wide attributes (such as a dialect) are not allowed");
        refuseAll(source, v, pkg.getFunctions(), "functions are not allowed: a rule's action holds all its logic");
        refuseAll(source, v, pkg.getFunctionImports(), "function imports are not allowed");
        refuseAll(source, v, pkg.getAccumulateImports(), "accumulate function imports are not allowed");
        refuseAll(source, v, pkg.getGlobals(), "globals are not allowed: rules work on facts only");
        refuseAll(source, v, pkg.getTypeDeclarations(), "declare is not allowed: rules use the fact model's types");
        refuseAll(source, v, pkg.getEnumDeclarations(), "declare is not allowed: rules use the fact model's types");
        refuseAll(source, v, pkg.getEntryPointDeclarations(), "entry points are not allowed");
        refuseAll(source, v, pkg.getWindowDeclarations(), "windows are not allowed");
        if (pkg.getUnit() != null) {
            v.at(offset(source, pkg.getUnit()), "rule units are not allowed");
        }
    }

    private static void refuseAll(RuleSource source, Violations v, java.util.Collection<? extends BaseDescr> found, String why) {
        for (BaseDescr d : found) {
            v.at(offset(source, d), why);
        }
    }

    private void rule(JavaParser java, RuleDescr rule, RuleSource source, TypeNames types, Violations v, ConclusionCheck conclusions) {
        int at = offset(source, rule);
        if (rule instanceof QueryDescr) {
            v.at(at, "queries are not allowed; rules conclude facts");
            return;
        }
        if (rule.getParentName() != null) {
            v.at(at, "rule inheritance (extends) is not allowed");
        }
        for (Map.Entry<String, AttributeDescr> a : rule.getAttributes().entrySet()) {
            attribute(a.getValue(), source, v);
        }
        for (AnnotationDescr annotation : rule.getAnnotations()) {
            annotation(java, annotation, annotationOffset(source, annotation, at), v);
        }
        if (!rule.getNamedConsequences().isEmpty()) {
            v.at(at, "named consequences are not allowed; a rule has one action");
        }
        ConditionCheck conditions = new ConditionCheck(java, source, types, v);
        if (rule.getLhs() != null) {
            conditions.check(rule.getLhs());
        }
        Object action = rule.getConsequence();
        if (action instanceof String text && !text.isBlank()) {
            int start = actionStart(source, rule, text);
            new ActionCheck(java, conditions.bound(), types, v, conclusions).check(text, start);
        }
    }

    private static void attribute(AttributeDescr attribute, RuleSource source, Violations v) {
        String name = attribute.getName();
        String value = attribute.getValue() == null ? "" : attribute.getValue().strip();
        boolean ok = switch (name) {
            case "salience" -> SALIENCE.matcher(value).matches();
            case "no-loop" -> value.isEmpty() || value.equals("true") || value.equals("false");
            default -> false;
        };
        if (!ok) {
            v.at(offset(source, attribute), name.equals("salience")
                    ? "salience must be a whole number, not " + Violations.quote(value)
                    : "attribute '" + name + "' is not allowed; rules may set salience and no-loop");
        }
    }

    private static void annotation(JavaParser java, AnnotationDescr annotation, int at, Violations v) {
        if (!ANNOTATIONS.contains(annotation.getName()) || annotation.getFullyQualifiedName() != null) {
            v.at(at, "annotation '@" + annotation.getName() + "' is not allowed; rules carry @id and @source");
            return;
        }
        Map<String, Object> values = annotation.getValueMap();
        Object value = values.size() == 1 ? values.get(AnnotationDescr.VALUE) : null;
        // Drools evaluates annotation values as expressions when it compiles: only a plain text is safe
        boolean literal = value instanceof String text && java.parseExpression(text)
                .getResult().filter(StringLiteralExpr.class::isInstance).isPresent();
        if (!literal) {
            v.at(at, "'@" + annotation.getName() + "' takes one text in double quotes, like @"
                    + annotation.getName() + "(\"...\")");
        }
    }

    /** The parser gives rule annotations no position: find the first one of that name after the rule starts. */
    private static int annotationOffset(RuleSource source, AnnotationDescr annotation, int ruleStart) {
        if (annotation.getLine() > 0) {
            return offset(source, annotation);
        }
        Matcher m = Pattern.compile("@\\s*" + Pattern.quote(annotation.getName()) + "\\b")
                .matcher(source.text());
        return m.find(ruleStart) ? m.start() : ruleStart;
    }

    /**
     * Offset of a rule's action in the translated file: the parser gives the line of 'then' and
     * the action's text (without its leading blank space), which follows it.
     */
    private static int actionStart(RuleSource source, RuleDescr rule, String action) {
        int from = rule.getConsequenceLine() > 0 ? source.offsetOf(rule.getConsequenceLine(), 0) : 0;
        int found = source.text().indexOf(action, from);
        return found >= 0 ? found : from;
    }

    private static int offset(RuleSource source, BaseDescr descr) {
        return descr.getLine() > 0 ? source.offsetOf(descr.getLine(), Math.max(0, descr.getColumn())) : 0;
    }

}

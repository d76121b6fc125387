package io.triage.rules.language;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.expr.Expression;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotatedBaseDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConnectiveType;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.kie.internal.builder.conf.LanguageLevelOption;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a rule's conditions (the part between {@code when} and {@code then}) on the tree Drools'
 * own parser builds: patterns over fact types, with constraints that compare properties, bound
 * variables and literals; {@code and}, {@code or}, {@code not}, {@code exists}, {@code forall};
 * {@code accumulate} with a built-in function and {@code collect}, both over patterns. Every
 * constraint expression is parsed again with Drools' expression parser and each operand with a
 * Java parser, so nothing that would be compiled goes unchecked.
 */
final class ConditionCheck {

    static final Set<String> OPERATORS = Set.of("==", "!=", "<", "<=", ">", ">=");
    static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "min", "max", "average");

    private final JavaParser java;
    private final RuleSource source;
    private final TypeNames types;
    private final Violations violations;
    /** Variables bound by the conditions, visible to the action. */
    private final Map<String, Class<?>> bound = new HashMap<>();

    ConditionCheck(JavaParser java, RuleSource source, TypeNames types, Violations violations) {
        this.java = java;
        this.source = source;
        this.types = types;
        this.violations = violations;
    }

    Map<String, Class<?>> bound() {
        return bound;
    }

    void check(AndDescr lhs) {
        element(lhs, bound);
    }

    private void element(BaseDescr descr, Map<String, Class<?>> scope) {
        if (descr instanceof AndDescr and) {
            and.getDescrs().forEach(d -> element(d, scope));
        } else if (descr instanceof OrDescr or) {
            // each branch may bind the same names; the action sees them all
            for (BaseDescr branch : or.getDescrs()) {
                element(branch, scope);
            }
        } else if (descr instanceof NotDescr not) {
            Map<String, Class<?>> inner = new HashMap<>(scope);
            not.getDescrs().forEach(d -> element((BaseDescr) d, inner));
        } else if (descr instanceof ExistsDescr exists) {
            Map<String, Class<?>> inner = new HashMap<>(scope);
            exists.getDescrs().forEach(d -> element((BaseDescr) d, inner));
        } else if (descr instanceof ForallDescr forall) {
            Map<String, Class<?>> inner = new HashMap<>(scope);
            forall.getDescrs().forEach(d -> element(d, inner));
        } else if (descr instanceof PatternDescr pattern) {
            pattern(pattern, scope);
        } else if (descr instanceof EvalDescr) {
            refuse(descr, "eval(...) is not allowed: it runs code; write the test as a constraint of a pattern");
        } else {
            refuse(descr, Violations.quote(describe(descr)) + " is not allowed in conditions");
        }
    }

    private void pattern(PatternDescr pattern, Map<String, Class<?>> scope) {
        annotations(pattern);
        if (pattern.isQuery() || pattern.isUnification()) {
            refuse(pattern, "queries and unification are not allowed in conditions");
            return;
        }
        if (pattern.getBehaviors() != null && !pattern.getBehaviors().isEmpty()) {
            refuse(pattern, "sliding windows are not allowed");
        }
        Optional<Class<?>> resolved = pattern.getObjectType() == null ? Optional.empty() : types.resolve(pattern.getObjectType());
        PatternSourceDescr from = pattern.getSource();
        Class<?> type = resolved.orElse(null);
        if (type == null) {
            violations.add(Violations.UNKNOWN_NAME, offsetOf(pattern), "unknown fact type '" + pattern.getObjectType()
                    + "'; import it from the fact model");
        } else if (from == null && !FactModel.isFact(type)) {
            refuse(pattern, "'" + pattern.getObjectType() + "' is not a fact type; conditions match facts");
            type = null;
        }
        if (from != null) {
            source(pattern, from, type, scope);
        }
        if (type != null && pattern.getIdentifier() != null) {
            bind(pattern, pattern.getIdentifier(), type, scope);
        }
        Class<?> matched = type;
        for (BaseDescr constraint : pattern.getDescrs()) {
            if (!(constraint instanceof ExprConstraintDescr expr) || expr.getType() != ExprConstraintDescr.Type.NAMED) {
                refuse(constraint, "only named constraints like property == value are allowed");
                continue;
            }
            if (matched != null) {
                constraint(expr, matched, scope);
            }
        }
    }

    private void source(PatternDescr pattern, PatternSourceDescr from, Class<?> resultType, Map<String, Class<?>> scope) {
        if (from instanceof AccumulateDescr accumulate) {
            if (resultType != null && !Number.class.isAssignableFrom(resultType)) {
                refuse(pattern, "the result of accumulate is a number: Number(...) from accumulate(...)");
            }
            accumulate(accumulate, scope);
        } else if (from instanceof CollectDescr collect) {
            if (resultType != null && !Collection.class.isAssignableFrom(resultType)) {
                refuse(pattern, "the result of collect is a list: List(...) from collect(...)");
            }
            PatternDescr input = collect.getInputPattern();
            if (input == null || input.getSource() != null) {
                refuse(collect, "collect takes one pattern over facts");
            } else {
                pattern(input, new HashMap<>(scope));
            }
        } else if (from instanceof FromDescr fromExpression) {
            String expression = fromExpression.getExpression() == null ? "" : fromExpression.getExpression().strip();
            Class<?> list = scope.get(expression);
            if (list == null || !Collection.class.isAssignableFrom(list)) {
                refuse(pattern, "'from' takes facts only: a list bound by collect, not " + Violations.quote(expression));
            } else if (resultType != null && !FactModel.isFact(resultType)) {
                refuse(pattern, "'" + pattern.getObjectType() + "' is not a fact type");
            }
        } else {
            refuse(pattern, "facts come from the session only; " + Violations.quote(describe(from)) + " is not allowed");
        }
    }

    private void accumulate(AccumulateDescr accumulate, Map<String, Class<?>> scope) {
        if (accumulate.getInitCode() != null || accumulate.getActionCode() != null || accumulate.getResultCode() != null
                || accumulate.getReverseCode() != null || accumulate.isExternalFunction() && accumulate.getFunctions().isEmpty()) {
            refuse(accumulate, "accumulate with code is not allowed; use count, sum, min, max or average");
            return;
        }
        Map<String, Class<?>> inner = new HashMap<>(scope);
        BaseDescr input = accumulate.getInput();
        if (input == null) {
            refuse(accumulate, "accumulate takes a pattern over facts");
        } else {
            element(input, inner);
        }
        for (AccumulateDescr.AccumulateFunctionCallDescr call : accumulate.getFunctions()) {
            if (!ACCUMULATE_FUNCTIONS.contains(call.getFunction())) {
                refuse(accumulate, "accumulate function '" + call.getFunction() + "' is not allowed; use count, sum, min, max or average");
                continue;
            }
            for (String parameter : call.getParams()) {
                operand(parameter, accumulate, accumulate.getText(), null, inner);
            }
            if (call.getBind() != null) {
                bind(accumulate, call.getBind(), Number.class, scope);
            }
        }
    }

    private void constraint(ExprConstraintDescr expr, Class<?> matched, Map<String, Class<?>> scope) {
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
        ConstraintConnectiveDescr parsed = parser.parse(expr.getExpression());
        if (parser.hasErrors() || parsed == null) {
            refuse(expr, "cannot read the constraint " + Violations.quote(expr.getExpression()));
            return;
        }
        connective(parsed, expr, matched, scope);
    }

    private void connective(ConstraintConnectiveDescr c, ExprConstraintDescr at, Class<?> matched, Map<String, Class<?>> scope) {
        annotations(c);
        if (c.getConnective() != ConnectiveType.AND && c.getConnective() != ConnectiveType.OR) {
            refuse(at, "only && and || may join constraints");
        }
        for (BaseDescr part : c.getDescrs()) {
            constraintPart(part, at, matched, scope);
        }
    }

    private void constraintPart(BaseDescr part, ExprConstraintDescr at, Class<?> matched, Map<String, Class<?>> scope) {
        if (part instanceof ConstraintConnectiveDescr nested) {
            connective(nested, at, matched, scope);
        } else if (part instanceof BindingDescr binding) {
            if (binding.isUnification()) {
                refuse(at, "unification (:=) is not allowed");
                return;
            }
            String property = binding.getExpression() == null ? "" : binding.getExpression().strip();
            Optional<Method> getter = FactModel.property(matched, property);
            if (getter.isEmpty()) {
                refuse(at, "a binding names a property of " + matched.getSimpleName() + ", not " + Violations.quote(property));
                return;
            }
            bind(at, binding.getVariable(), getter.get().getReturnType(), scope);
        } else if (part instanceof RelationalExprDescr relation) {
            String operator = relation.getOperator();
            if (!OPERATORS.contains(operator) || relation.getParameters() != null && !relation.getParameters().isEmpty()) {
                refuse(at, "operator '" + operator + "' is not allowed; use ==, !=, <, <=, >, >=, in or not in");
                return;
            }
            Class<?> left = side(relation.getLeft(), at, matched, scope);
            Class<?> right = side(relation.getRight(), at, matched, scope);
            if (left != Expressions.INVALID && right != Expressions.INVALID && !operator.equals("==") && !operator.equals("!=")
                    && !(Expressions.isNumeric(left) && Expressions.isNumeric(right))) {
                refuse(at, "'" + operator + "' compares numbers, not " + Expressions.describe(left) + " and " + Expressions.describe(right));
            }
        } else if (part instanceof AtomicExprDescr atom) {
            Class<?> type = operand(atom.getExpression(), at, at.getExpression(), matched, scope);
            if (type != Expressions.INVALID && !Expressions.isBoolean(type)) {
                refuse(at, "a constraint must be true or false: " + Violations.quote(atom.getExpression()));
            }
        } else {
            refuse(at, "cannot check the constraint part " + Violations.quote(describe(part)));
        }
    }

    private Class<?> side(BaseDescr side, ExprConstraintDescr at, Class<?> matched, Map<String, Class<?>> scope) {
        if (side instanceof AtomicExprDescr atom) {
            return operand(atom.getExpression(), at, at.getExpression(), matched, scope);
        }
        if (side instanceof BindingDescr || side instanceof ConstraintConnectiveDescr || side instanceof RelationalExprDescr) {
            constraintPart(side, at, matched, scope);
            return Expressions.INVALID;
        }
        refuse(at, "cannot check " + Violations.quote(describe(side)));
        return Expressions.INVALID;
    }

    /** Parses one operand as Java and types it: properties of {@code matched}, bound variables, literals, arithmetic. */
    private Class<?> operand(String text, BaseDescr at, String atText, Class<?> matched, Map<String, Class<?>> scope) {
        int base = offsetOf(at);
        int inside = atText == null ? -1 : atText.indexOf(text);
        int start = inside >= 0 ? base + inside : base;
        ParseResult<Expression> parsed = java.parseExpression(text);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            violations.at(start, "cannot read " + Violations.quote(text) + "; conditions use properties, bound variables,"
                    + " literals and arithmetic");
            return Expressions.INVALID;
        }
        Expressions expressions = new Expressions(new Expressions.Scope() {
            @Override
            public Optional<Class<?>> variable(String name) {
                return Optional.ofNullable(scope.get(name));
            }

            @Override
            public Optional<Class<?>> implicitProperty(String name) {
                return matched == null ? Optional.empty()
                        : FactModel.property(matched, name).map(Method::getReturnType);
            }

            @Override
            public Optional<Class<?>> type(String simpleName) {
                return types.resolve(simpleName);
            }

            @Override
            public boolean isAction() {
                return false;
            }
        }, violations, start, text, (code, variant) -> null);
        return expressions.type(parsed.getResult().get());
    }

    private void bind(BaseDescr at, String name, Class<?> type, Map<String, Class<?>> scope) {
        if (Expressions.SESSION_HANDLES.contains(name)) {
            refuse(at, "'" + name + "' cannot be used as a variable name");
            return;
        }
        Class<?> earlier = scope.get(name);
        if (earlier != null && earlier != type) {
            refuse(at, "'" + name + "' is bound twice with different types");
        }
        scope.put(name, type);
    }

    private void annotations(AnnotatedBaseDescr descr) {
        if (!descr.getAnnotationNames().isEmpty()) {
            refuse(descr, "annotations are not allowed inside conditions");
        }
    }

    private void refuse(BaseDescr at, String message) {
        violations.at(offsetOf(at), message);
    }

    private int offsetOf(BaseDescr descr) {
        return descr.getLine() > 0 ? source.offsetOf(descr.getLine(), descr.getColumn()) : -1;
    }

    private static String describe(BaseDescr descr) {
        String text = descr.getText();
        if (text != null && !text.isBlank()) {
            return text;
        }
        String simple = descr.getClass().getSimpleName().replace("Descr", "");
        return simple.isEmpty() ? "this construct" : simple.toLowerCase(Locale.ROOT);
    }
}

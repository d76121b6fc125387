package io.triage.rules.language;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import io.triage.facts.Recommendation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Types and checks one expression of a condition or an action against the rule language. Every
 * name must resolve (to a bound variable, a local, a property of the matched fact or an allowed
 * class) and every call must be on the allowlist; anything else is reported and typed as
 * {@link #INVALID}, so one mistake does not cascade into many.
 */
final class Expressions {

    /** The type of the literal {@code null}. */
    static final Class<?> NULL = Void.class;
    /** The type of an expression already reported as not allowed. */
    static final Class<?> INVALID = Invalid.class;

    private static final class Invalid {
    }

    static final String NAMEABLE = "rules may name imported fact types and Math, Double, Integer, Long, Boolean and String";

    /** Names that would hand a rule the live session; reported with a reason of their own. */
    static final Set<String> SESSION_HANDLES = Set.of("kcontext", "drools");

    private static final Map<Class<?>, Class<?>> UNBOXED = Map.of(Integer.class, int.class, Long.class, long.class,
            Double.class, double.class, Boolean.class, boolean.class);

    /** What names mean where the expression stands. */
    interface Scope {
        /** A bound variable or local by name. */
        Optional<Class<?>> variable(String name);

        /** In a condition, a property of the fact being matched; empty in an action. */
        Optional<Class<?>> implicitProperty(String name);

        /** A type named in the rule file (imported fact type, or an allowed java.lang type). */
        Optional<Class<?>> type(String simpleName);

        /** Actions may create facts and insert them; conditions may not. */
        boolean isAction();
    }

    private final Scope scope;
    private final Violations violations;
    private final int base;
    private final ConclusionCheck conclusions;
    private final int[] lineStarts;

    /**
     * @param base       offset in the translated file of the parsed text's first character
     * @param parsedText the text JavaParser parsed (positions are relative to it)
     */
    Expressions(Scope scope, Violations violations, int base, String parsedText, ConclusionCheck conclusions) {
        this.scope = scope;
        this.violations = violations;
        this.base = base;
        this.conclusions = conclusions;
        this.lineStarts = lineStarts(parsedText);
    }

    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }

    /** Offset in the translated file of a parsed node. */
    int offsetOf(Node node) {
        return node.getBegin().map(p -> base + lineStarts[Math.min(p.line, lineStarts.length) - 1] + p.column - 1).orElse(base);
    }

    void refuse(Node node, String message) {
        violations.at(offsetOf(node), message);
    }

    Class<?> type(Expression e) {
        if (e instanceof IntegerLiteralExpr) {
            return int.class;
        }
        if (e instanceof LongLiteralExpr) {
            return long.class;
        }
        if (e instanceof DoubleLiteralExpr) {
            return double.class;
        }
        if (e instanceof BooleanLiteralExpr) {
            return boolean.class;
        }
        if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
            return String.class;
        }
        if (e instanceof CharLiteralExpr) {
            return char.class;
        }
        if (e instanceof NullLiteralExpr) {
            return NULL;
        }
        if (e instanceof EnclosedExpr enclosed) {
            return type(enclosed.getInner());
        }
        if (e instanceof NameExpr name) {
            return name(name);
        }
        if (e instanceof UnaryExpr unary) {
            return unary(unary);
        }
        if (e instanceof BinaryExpr binary) {
            return binary(binary);
        }
        if (e instanceof ConditionalExpr conditional) {
            return conditional(conditional);
        }
        if (e instanceof CastExpr cast) {
            return cast(cast);
        }
        if (e instanceof MethodCallExpr call) {
            return call(call);
        }
        if (e instanceof ObjectCreationExpr creation) {
            return creation(creation);
        }
        if (e instanceof FieldAccessExpr field) {
            refuse(field, looksQualified(field)
                    ? Violations.quote(field.toString()) + " is outside the fact model; " + NAMEABLE
                    : "field access " + Violations.quote(field.toString()) + " is not allowed; read facts through their getters");
            return INVALID;
        }
        refuse(e, Constructs.describe(e) + " is not allowed in a rule: " + Violations.quote(e.toString()));
        return INVALID;
    }

    private Class<?> name(NameExpr name) {
        String id = name.getNameAsString();
        Optional<Class<?>> variable = scope.variable(id);
        if (variable.isPresent()) {
            return variable.get();
        }
        Optional<Class<?>> property = scope.implicitProperty(id);
        if (property.isPresent()) {
            return property.get();
        }
        if (SESSION_HANDLES.contains(id)) {
            refuse(name, "'" + id + "' is not allowed: rules conclude facts and have no handle on the running session");
        } else if (Character.isUpperCase(id.charAt(0)) && scope.type(id).isEmpty()) {
            refuse(name, "'" + id + "' is not available to rules; " + NAMEABLE);
        } else {
            violations.add(Violations.UNKNOWN_NAME, offsetOf(name), "unknown name '" + id + "'" + (scope.isAction() ? "; use a variable bound in the conditions or a local"
                    : "; use a property of the fact or a variable bound earlier"));
        }
        return INVALID;
    }

    private Class<?> unary(UnaryExpr unary) {
        Class<?> operand = type(unary.getExpression());
        if (operand == INVALID) {
            return INVALID;
        }
        switch (unary.getOperator()) {
            case MINUS, PLUS -> {
                if (isNumeric(operand)) {
                    return promote(operand, int.class);
                }
            }
            case LOGICAL_COMPLEMENT -> {
                if (isBoolean(operand)) {
                    return boolean.class;
                }
            }
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> {
                if (scope.isAction() && unary.getExpression() instanceof NameExpr n && isNumeric(operand)
                        && scope.variable(n.getNameAsString()).isPresent() && !n.getNameAsString().startsWith("$")) {
                    return operand;
                }
                refuse(unary, "'" + unary.getOperator().asString() + "' only applies to a local number in an action");
                return INVALID;
            }
            default -> {
                refuse(unary, "operator '" + unary.getOperator().asString() + "' is not allowed");
                return INVALID;
            }
        }
        refuse(unary, "operator '" + unary.getOperator().asString() + "' does not apply to " + describe(operand));
        return INVALID;
    }

    private Class<?> binary(BinaryExpr binary) {
        Class<?> left = type(binary.getLeft());
        Class<?> right = type(binary.getRight());
        if (left == INVALID || right == INVALID) {
            return INVALID;
        }
        String op = binary.getOperator().asString();
        switch (binary.getOperator()) {
            case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER -> {
                if (isNumeric(left) && isNumeric(right)) {
                    return promote(left, right);
                }
                if (binary.getOperator() == BinaryExpr.Operator.PLUS && (left == String.class || right == String.class)) {
                    refuse(binary, "rules do not build texts: a text is written in recommendations.yaml, with placeholders");
                    return INVALID;
                }
            }
            case LESS, LESS_EQUALS, GREATER, GREATER_EQUALS -> {
                if (isNumeric(left) && isNumeric(right)) {
                    return boolean.class;
                }
            }
            case EQUALS, NOT_EQUALS -> {
                return boolean.class;
            }
            case AND, OR -> {
                if (isBoolean(left) && isBoolean(right)) {
                    return boolean.class;
                }
            }
            default -> {
                refuse(binary, "operator '" + op + "' is not allowed");
                return INVALID;
            }
        }
        refuse(binary, "operator '" + op + "' does not apply to " + describe(left) + " and " + describe(right));
        return INVALID;
    }

    private Class<?> conditional(ConditionalExpr conditional) {
        Class<?> condition = type(conditional.getCondition());
        Class<?> then = type(conditional.getThenExpr());
        Class<?> otherwise = type(conditional.getElseExpr());
        if (condition == INVALID || then == INVALID || otherwise == INVALID) {
            return INVALID;
        }
        if (!isBoolean(condition)) {
            refuse(conditional.getCondition(), "a condition must be true or false, not " + describe(condition));
            return INVALID;
        }
        if (then == NULL) {
            return boxed(otherwise);
        }
        if (otherwise == NULL) {
            return boxed(then);
        }
        if (isNumeric(then) && isNumeric(otherwise)) {
            return promote(then, otherwise);
        }
        return then == otherwise ? then : Object.class;
    }

    private Class<?> cast(CastExpr cast) {
        Class<?> target = typeOf(cast.getType());
        Class<?> operand = type(cast.getExpression());
        if (target == INVALID || operand == INVALID) {
            return INVALID;
        }
        if (!isNumeric(target) || !isNumeric(operand)) {
            refuse(cast, "only numbers can be cast, to another number type");
            return INVALID;
        }
        return target;
    }

    private Class<?> call(MethodCallExpr call) {
        String name = call.getNameAsString();
        if (call.getTypeArguments().isPresent()) {
            refuse(call, "type arguments are not allowed");
            return INVALID;
        }
        if (call.getScope().isEmpty()) {
            if (name.equals("insert") && scope.isAction()) {
                return insert(call);
            }
            refuse(call, "'" + name + "(...)' is not allowed; " + (scope.isAction()
                    ? "an action may call insert(new <fact>(...)), getters of facts and a few pure methods"
                    : "a condition may compare properties, bound variables and literals"));
            return INVALID;
        }
        Expression target = call.getScope().get();
        if (target instanceof NameExpr n && scope.variable(n.getNameAsString()).isEmpty()
                && scope.implicitProperty(n.getNameAsString()).isEmpty()) {
            Optional<Class<?>> type = scope.type(n.getNameAsString());
            if (type.isPresent() && FactModel.STATIC_METHODS.containsKey(type.get())) {
                return staticCall(call, type.get());
            }
        }
        if (!scope.isAction()) {
            refuse(call, "method calls are not allowed in conditions; compare properties directly");
            return INVALID;
        }
        Class<?> receiver = type(target);
        if (receiver == INVALID) {
            return INVALID;
        }
        return instanceCall(call, receiver);
    }

    private Class<?> insert(MethodCallExpr call) {
        if (call.getArguments().size() != 1) {
            refuse(call, "insert takes one fact: insert(new <fact>(...))");
            return INVALID;
        }
        Class<?> fact = type(call.getArgument(0));
        if (fact == INVALID) {
            return INVALID;
        }
        if (!FactModel.isFact(fact)) {
            refuse(call.getArgument(0), "only facts of the fact model can be inserted, not " + describe(fact));
            return INVALID;
        }
        if (!(call.getParentNode().orElse(null) instanceof com.github.javaparser.ast.stmt.ExpressionStmt)) {
            refuse(call, "insert(...) is a statement of its own");
            return INVALID;
        }
        return void.class;
    }

    private Class<?> staticCall(MethodCallExpr call, Class<?> owner) {
        String name = call.getNameAsString();
        if (!FactModel.STATIC_METHODS.get(owner).contains(name)) {
            refuse(call, "'" + owner.getSimpleName() + "." + name + "' is not allowed; allowed: "
                    + String.join(", ", new java.util.TreeSet<>(FactModel.STATIC_METHODS.get(owner))));
            return INVALID;
        }
        Class<?>[] args = argumentTypes(call);
        if (args == null) {
            return INVALID;
        }
        Optional<Method> method = resolve(owner, name, args, true);
        if (method.isEmpty()) {
            refuse(call, "'" + owner.getSimpleName() + "." + name + "' does not take " + args.length + " such argument(s)");
            return INVALID;
        }
        return method.get().getReturnType();
    }

    private Class<?> instanceCall(MethodCallExpr call, Class<?> receiver) {
        String name = call.getNameAsString();
        if (FactModel.isFact(receiver)) {
            if (!call.getArguments().isEmpty() || FactModel.getter(receiver, name).isEmpty()) {
                refuse(call, "'" + name + "' is not a getter of " + receiver.getSimpleName() + "; facts are read through their getters");
                return INVALID;
            }
            return FactModel.getter(receiver, name).get().getReturnType();
        }
        Optional<Class<?>> valueType = FactModel.valueTypeOf(boxed(receiver));
        if (valueType.isEmpty() || !FactModel.VALUE_METHODS.get(valueType.get()).contains(name)) {
            refuse(call, "'" + name + "' cannot be called on " + describe(receiver) + (valueType.isEmpty() ? ""
                    : "; allowed: " + String.join(", ", new java.util.TreeSet<>(FactModel.VALUE_METHODS.get(valueType.get())))));
            return INVALID;
        }
        Class<?>[] args = argumentTypes(call);
        if (args == null) {
            return INVALID;
        }
        Optional<Method> method = resolve(valueType.get(), name, args, false);
        if (method.isEmpty()) {
            refuse(call, "'" + name + "' does not take " + args.length + " such argument(s)");
            return INVALID;
        }
        return method.get().getReturnType();
    }

    private Class<?> creation(ObjectCreationExpr creation) {
        if (!scope.isAction()) {
            refuse(creation, "'new' is not allowed in conditions");
            return INVALID;
        }
        if (creation.getAnonymousClassBody().isPresent()) {
            refuse(creation, "anonymous classes are not allowed");
            return INVALID;
        }
        if (creation.getScope().isPresent() || creation.getTypeArguments().isPresent()
                || creation.getType().getTypeArguments().isPresent()) {
            refuse(creation, "'new' takes a fact type by its simple name: new <fact>(...)");
            return INVALID;
        }
        Class<?> type = typeOf(creation.getType());
        if (type == INVALID) {
            return INVALID;
        }
        if (!FactModel.isFact(type)) {
            refuse(creation, "only facts of the fact model can be created, not " + describe(type));
            return INVALID;
        }
        if (argumentTypes(creation.getArguments()) == null) {
            return INVALID;
        }
        if (type == Recommendation.class && !creation.getArguments().isEmpty()
                && creation.getArgument(0) instanceof StringLiteralExpr code) {
            Expression variantArg = creation.getArguments().size() > 1 ? creation.getArgument(1) : null;
            String variant = variantArg instanceof StringLiteralExpr v ? v.getValue() : null;
            if (variantArg == null || variant != null) {
                String problem = conclusions.problem(code.getValue(), variant);
                if (problem != null) {
                    violations.add(variant == null || problem.contains("no entry") ? "unknown_code" : "unknown_variant",
                            offsetOf(variant != null && !problem.contains("no entry") ? variantArg : code), problem);
                }
            }
        }
        return type;
    }

    private Class<?>[] argumentTypes(MethodCallExpr call) {
        return argumentTypes(call.getArguments());
    }

    private Class<?>[] argumentTypes(List<Expression> arguments) {
        Class<?>[] types = new Class<?>[arguments.size()];
        boolean ok = true;
        for (int i = 0; i < types.length; i++) {
            types[i] = type(arguments.get(i));
            ok &= types[i] != INVALID;
        }
        return ok ? types : null;
    }

    /** {@code a.b.C}: a chain of plain names starting lower-case, the way a package is written. */
    private boolean looksQualified(FieldAccessExpr field) {
        Expression scopeExpr = field.getScope();
        while (scopeExpr instanceof FieldAccessExpr inner) {
            scopeExpr = inner.getScope();
        }
        return scopeExpr instanceof NameExpr root && Character.isLowerCase(root.getNameAsString().charAt(0))
                && scope.variable(root.getNameAsString()).isEmpty() && scope.implicitProperty(root.getNameAsString()).isEmpty();
    }

    /** The type a declared type names: a primitive, an allowed value type, or a fact type. */
    Class<?> typeOf(Type type) {
        if (type instanceof PrimitiveType primitive) {
            return switch (primitive.getType()) {
                case INT -> int.class;
                case LONG -> long.class;
                case DOUBLE -> double.class;
                case BOOLEAN -> boolean.class;
                default -> {
                    refuse(type, "type '" + primitive + "' is not allowed; use int, long, double or boolean");
                    yield INVALID;
                }
            };
        }
        if (type instanceof ClassOrInterfaceType named && named.getScope().isEmpty() && named.getTypeArguments().isEmpty()) {
            Optional<Class<?>> resolved = scope.type(named.getNameAsString());
            if (resolved.isPresent()) {
                return resolved.get();
            }
        }
        refuse(type, "type " + Violations.quote(type.toString()) + " is not allowed; use a number, text or yes/no type,"
                + " or a fact type by its simple name");
        return INVALID;
    }

    /** The most specific public method with these argument types (boxing and widening allowed). */
    private static Optional<Method> resolve(Class<?> owner, String name, Class<?>[] args, boolean isStatic) {
        Method best = null;
        for (Method m : owner.getMethods()) {
            if (!m.getName().equals(name) || m.getParameterCount() != args.length
                    || Modifier.isStatic(m.getModifiers()) != isStatic) {
                continue;
            }
            boolean fits = true;
            for (int i = 0; i < args.length && fits; i++) {
                fits = assignable(args[i], m.getParameterTypes()[i]);
            }
            if (fits && (best == null || moreSpecific(m, best))) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean moreSpecific(Method a, Method b) {
        for (int i = 0; i < a.getParameterCount(); i++) {
            if (!assignable(a.getParameterTypes()[i], b.getParameterTypes()[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether a value of type {@code from} can be passed where {@code to} is expected. */
    static boolean assignable(Class<?> from, Class<?> to) {
        if (from == NULL) {
            return !to.isPrimitive();
        }
        Class<?> f = unboxed(from);
        Class<?> t = unboxed(to);
        if (f == t || to.isAssignableFrom(from)) {
            return true;
        }
        if (isNumeric(f) && isNumeric(t) && f.isPrimitive() && (t.isPrimitive() || to == Object.class)) {
            return rank(f) <= rank(t);
        }
        return to == Object.class;
    }

    static boolean isNumeric(Class<?> type) {
        Class<?> t = unboxed(type);
        return t == int.class || t == long.class || t == double.class || t == char.class;
    }

    static boolean isBoolean(Class<?> type) {
        return unboxed(type) == boolean.class;
    }

    private static Class<?> unboxed(Class<?> type) {
        return UNBOXED.getOrDefault(type, type);
    }

    private static Class<?> boxed(Class<?> type) {
        for (Map.Entry<Class<?>, Class<?>> e : UNBOXED.entrySet()) {
            if (e.getValue() == type) {
                return e.getKey();
            }
        }
        return type;
    }

    private static int rank(Class<?> t) {
        return t == char.class || t == int.class ? 1 : t == long.class ? 2 : 3;
    }

    private static Class<?> promote(Class<?> a, Class<?> b) {
        int r = Math.max(rank(unboxed(a)), rank(unboxed(b)));
        return r == 1 ? int.class : r == 2 ? long.class : double.class;
    }

    static String describe(Class<?> type) {
        if (type == NULL) {
            return "null";
        }
        if (isNumeric(type)) {
            return "a number";
        }
        if (isBoolean(type)) {
            return "true/false";
        }
        return type == String.class ? "a text" : "'" + type.getSimpleName() + "'";
    }
}

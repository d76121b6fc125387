package io.triage.rules.language;

import io.triage.facts.Fact;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The types and methods a rule may name, and nothing else. Fact types are the public, final
 * classes of the fact package that implement {@link Fact}; their public getters are readable.
 * Value types (numbers, texts, the results of {@code accumulate} and {@code collect}) offer a few
 * pure methods each. Static calls are limited to a short list on {@link Math} and the boxed types.
 */
final class FactModel {

    static final String FACT_PACKAGE = "io.triage.facts";

    /** Types a rule may import besides the fact model (java.lang types need no import). */
    static final Map<String, Class<?>> IMPORTABLE_VALUE_TYPES = Map.of(
            "java.util.List", List.class,
            "java.util.Collection", Collection.class,
            "java.math.BigDecimal", BigDecimal.class);

    /** java.lang types a rule may name without importing them. */
    static final Map<String, Class<?>> LANG_TYPES = Map.of(
            "String", String.class, "Double", Double.class, "Integer", Integer.class, "Long", Long.class,
            "Boolean", Boolean.class, "Number", Number.class, "Math", Math.class);

    /** Pure static methods by class. */
    static final Map<Class<?>, Set<String>> STATIC_METHODS = Map.of(
            Math.class, Set.of("abs", "min", "max", "round", "floor", "ceil", "sqrt", "pow", "log", "log10", "exp", "signum"),
            Double.class, Set.of("valueOf", "isNaN", "isFinite", "compare"),
            Integer.class, Set.of("valueOf", "compare"),
            Long.class, Set.of("valueOf", "compare"),
            Boolean.class, Set.of("valueOf"),
            String.class, Set.of("valueOf"));

    /** Pure instance methods of value types; none of them can make a value grow. */
    static final Map<Class<?>, Set<String>> VALUE_METHODS = Map.of(
            String.class, Set.of("length", "isEmpty", "isBlank", "equals", "equalsIgnoreCase", "startsWith", "endsWith",
                    "contains", "compareTo", "toLowerCase", "toUpperCase", "strip", "trim"),
            Double.class, Set.of("doubleValue", "intValue", "longValue", "isNaN", "compareTo", "equals"),
            Integer.class, Set.of("doubleValue", "intValue", "longValue", "compareTo", "equals"),
            Long.class, Set.of("doubleValue", "intValue", "longValue", "compareTo", "equals"),
            Number.class, Set.of("doubleValue", "intValue", "longValue"),
            Boolean.class, Set.of("booleanValue", "equals"),
            BigDecimal.class, Set.of("doubleValue", "intValue", "longValue", "compareTo", "signum", "scale", "equals"),
            List.class, Set.of("size", "isEmpty"),
            Collection.class, Set.of("size", "isEmpty"));

    /** Types a local variable in an action may have. */
    static final Set<Class<?>> LOCAL_TYPES = Set.of(int.class, long.class, double.class, boolean.class,
            String.class, Double.class, Integer.class, Long.class, Boolean.class, BigDecimal.class);

    private final ClassLoader classLoader;
    // class lookups go through the jar files each time; a rule set asks for the same few names often
    private final Map<String, Optional<Class<?>>> resolved = new ConcurrentHashMap<>();

    FactModel(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** A fact type by fully qualified name, if it is one. */
    Optional<Class<?>> factType(String qualifiedName) {
        return resolved.computeIfAbsent(qualifiedName, this::load);
    }

    private Optional<Class<?>> load(String qualifiedName) {
        if (!qualifiedName.startsWith(FACT_PACKAGE + ".") || qualifiedName.indexOf('.', FACT_PACKAGE.length() + 1) >= 0) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(qualifiedName, false, classLoader);
            int modifiers = type.getModifiers();
            boolean ok = Fact.class.isAssignableFrom(type) && Modifier.isPublic(modifiers) && Modifier.isFinal(modifiers)
                    && !type.isInterface();
            return ok ? Optional.of(type) : Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    static boolean isFact(Class<?> type) {
        return type != null && Fact.class.isAssignableFrom(type) && !type.isInterface();
    }

    /** The readable properties of a type: for facts its public getters, for numbers their values. */
    static Optional<Method> property(Class<?> type, String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (isFact(type)) {
            String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            for (String candidate : List.of("get" + capitalized, "is" + capitalized)) {
                Optional<Method> getter = getter(type, candidate);
                if (getter.isPresent()) {
                    return getter;
                }
            }
            return Optional.empty();
        }
        if (Number.class.isAssignableFrom(type) && Set.of("doubleValue", "intValue", "longValue").contains(name)) {
            return getter(type, name);
        }
        if (Collection.class.isAssignableFrom(type) && Set.of("size", "empty").contains(name)) {
            return getter(Collection.class, name.equals("size") ? "size" : "isEmpty");
        }
        return Optional.empty();
    }

    /** A public no-argument getter of a fact type ({@code getX} or {@code isX}), never Object's own. */
    static Optional<Method> getter(Class<?> type, String name) {
        if (name.equals("getClass")) {
            return Optional.empty();
        }
        try {
            Method m = type.getMethod(name);
            boolean getterName = name.startsWith("get") || name.startsWith("is") || !isFact(type);
            return getterName && m.getReturnType() != void.class && m.getDeclaringClass() != Object.class
                    ? Optional.of(m) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    /** The value-type whose method list applies to a type (its own, or an interface it implements). */
    static Optional<Class<?>> valueTypeOf(Class<?> type) {
        if (VALUE_METHODS.containsKey(type)) {
            return Optional.of(type);
        }
        for (Class<?> known : List.of(List.class, Collection.class, Number.class)) {
            if (known.isAssignableFrom(type)) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }
}

package io.triage.rules.language;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The types a rule file can name: what it imports (fact types, one by one or the whole fact
 * package, and a few value types) and the allowed java.lang types. A name resolves here or nowhere.
 */
final class TypeNames {

    private final FactModel model;
    private final Map<String, Class<?>> imported = new HashMap<>();
    private boolean wholeFactPackage;

    TypeNames(FactModel model) {
        this.model = model;
    }

    /** Records an import; false if the import names something outside the allowlist. */
    boolean addImport(String target) {
        if (target.equals(FactModel.FACT_PACKAGE + ".*")) {
            wholeFactPackage = true;
            return true;
        }
        Optional<Class<?>> type = resolveQualified(target);
        type.ifPresent(t -> imported.put(t.getSimpleName(), t));
        return type.isPresent();
    }

    /** A type by simple name, or by a fully qualified name on the allowlist. */
    Optional<Class<?>> resolve(String name) {
        if (name.indexOf('.') >= 0) {
            return resolveQualified(name);
        }
        Class<?> type = imported.get(name);
        if (type != null) {
            return Optional.of(type);
        }
        if (wholeFactPackage) {
            Optional<Class<?>> fact = model.factType(FactModel.FACT_PACKAGE + "." + name);
            if (fact.isPresent()) {
                return fact;
            }
        }
        return Optional.ofNullable(FactModel.LANG_TYPES.get(name));
    }

    private Optional<Class<?>> resolveQualified(String name) {
        Class<?> value = FactModel.IMPORTABLE_VALUE_TYPES.get(name);
        if (value != null) {
            return Optional.of(value);
        }
        if (name.startsWith("java.lang.") && FactModel.LANG_TYPES.containsKey(name.substring("java.lang.".length()))) {
            return Optional.of(FactModel.LANG_TYPES.get(name.substring("java.lang.".length())));
        }
        return model.factType(name);
    }
}

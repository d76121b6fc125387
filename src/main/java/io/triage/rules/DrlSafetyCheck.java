package io.triage.rules;

import io.triage.common.InputError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DRL consequence is Java code that runs inside the service, so a rule file is checked before
 * it is compiled. Allowed: the fact model, a short list of value and collection classes, and
 * plain arithmetic. Refused, with file, line and column: imports or qualified names outside that
 * list, globals, unicode escapes, and any mention of the process, threads, class loading,
 * reflection, files or the network.
 */
final class DrlSafetyCheck {

    static final String FACT_PACKAGE = "io.triage.facts.";

    static final Set<String> ALLOWED_CLASSES = Set.of(
            "java.util.List", "java.util.ArrayList", "java.util.LinkedList",
            "java.util.Map", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap",
            "java.util.Set", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.Collection", "java.util.Collections", "java.util.Arrays", "java.util.Objects",
            "java.util.Optional", "java.util.Iterator",
            "java.math.BigDecimal", "java.math.BigInteger", "java.math.RoundingMode", "java.math.MathContext",
            "java.lang.Math");

    private static final String WHY = "rules may not reach the process, threads, class loading, reflection, files or the network";

    /** Identifiers that give a rule a way out of the fact model (java.lang is imported implicitly). */
    private static final Set<String> FORBIDDEN_WORDS = Set.of(
            "System", "Runtime", "ProcessBuilder", "Process", "ProcessHandle", "Thread", "ThreadGroup",
            "ThreadLocal", "InheritableThreadLocal", "ClassLoader", "Class", "Module", "ModuleLayer",
            "StackWalker", "SecurityManager", "Compiler", "getClass", "forName", "getDeclaredMethod",
            "getDeclaredField", "getMethod", "getField", "setAccessible", "invoke", "newInstance",
            "MethodHandles", "MethodHandle", "reflect", "Unsafe", "loadLibrary",
            "ServiceLoader", "ScriptEngine", "ScriptEngineManager", "getKieRuntime", "getKieBase");

    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(static\\s+|function\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;?");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+[\\w.]+\\s*;?");
    private static final Pattern GLOBAL = Pattern.compile("(?m)^\\s*global\\b");
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:java|javax|jdk|sun|com|org|io|net)\\.[A-Za-z_][\\w.]*");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CLASS_LITERAL = Pattern.compile("\\.\\s*class\\b");

    private DrlSafetyCheck() {
    }

    static List<InputError> check(Map<String, String> drlFiles) {
        List<InputError> errors = new ArrayList<>();
        drlFiles.forEach((path, source) -> errors.addAll(check(path, source)));
        return errors;
    }

    static List<InputError> check(String path, String source) {
        List<InputError> errors = new ArrayList<>();
        int escape = source.indexOf("\\u");
        if (escape >= 0) {
            errors.add(error(path, source, escape, "unicode escapes are not allowed in rule files; write the character itself"));
        }
        String code = blankCommentsAndStrings(source);
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            String target = imports.group(2);
            if (!importAllowed(target, imports.group(1) != null)) {
                errors.add(error(path, source, imports.start(2), "import of '" + target
                        + "' is not allowed; import from the fact model (" + FACT_PACKAGE + "*) or "
                        + "java.util / java.math value and collection classes"));
            }
        }
        Matcher globals = GLOBAL.matcher(code);
        while (globals.find()) {
            errors.add(error(path, source, globals.start(), "globals are not allowed; rules work on facts only"));
        }
        String withoutImports = blank(PACKAGE, blank(IMPORT, code));
        Matcher qualified = QUALIFIED.matcher(withoutImports);
        while (qualified.find()) {
            String name = qualified.group();
            if (!qualifiedAllowed(name)) {
                errors.add(error(path, source, qualified.start(), "'" + name + "' is not allowed; " + WHY));
            }
        }
        Matcher words = WORD.matcher(withoutImports);
        while (words.find()) {
            if (FORBIDDEN_WORDS.contains(words.group())) {
                errors.add(error(path, source, words.start(), "'" + words.group() + "' is not allowed; " + WHY));
            }
        }
        Matcher literal = CLASS_LITERAL.matcher(withoutImports);
        while (literal.find()) {
            errors.add(error(path, source, literal.start(), "class literals are not allowed; " + WHY));
        }
        return errors;
    }

    private static String blank(Pattern pattern, String text) {
        return pattern.matcher(text).replaceAll(m -> " ".repeat(m.group().length()));
    }

    private static boolean importAllowed(String target, boolean staticOrFunction) {
        if (target.startsWith(FACT_PACKAGE)) {
            return true;
        }
        if (staticOrFunction) {
            return target.startsWith("java.lang.Math.");
        }
        return ALLOWED_CLASSES.contains(target);
    }

    private static boolean qualifiedAllowed(String name) {
        if (name.startsWith(FACT_PACKAGE)) {
            return true;
        }
        for (String allowed : ALLOWED_CLASSES) {
            if (name.equals(allowed) || name.startsWith(allowed + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The source with comments and the contents of string literals replaced by spaces (newlines
     * kept), so positions still match and words inside texts or comments are not mistaken for code.
     */
    static String blankCommentsAndStrings(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    out.setCharAt(i++, ' ');
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                while (i < n && !(source.charAt(i) == '*' && i + 1 < n && source.charAt(i + 1) == '/')) {
                    blank(out, source, i++);
                }
                if (i < n) {
                    out.setCharAt(i++, ' ');
                    out.setCharAt(i++, ' ');
                }
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && source.charAt(i) != c && source.charAt(i) != '\n') {
                    if (source.charAt(i) == '\\' && i + 1 < n) {
                        blank(out, source, i++);
                    }
                    blank(out, source, i++);
                }
                i++;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(StringBuilder out, String source, int i) {
        if (source.charAt(i) != '\n') {
            out.setCharAt(i, ' ');
        }
    }

    private static InputError error(String path, String source, int offset, String message) {
        int[] at = SourcePosition.of(source, offset);
        return InputError.file(path, at[0], at[1], "unsafe_code", message);
    }
}

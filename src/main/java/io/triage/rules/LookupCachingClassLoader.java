package io.triage.rules;

import java.net.URL;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's class loader as the rule compiler sees it, remembering the names it does not
 * have. Compiling DRL asks for hundreds of classes that do not exist (the expression language tries
 * every identifier as a class, and as an inner class of every import; the Java compiler probes
 * packages), and each miss searches every jar of the application: a third of a compile. The
 * application's classes never change while it runs, so a miss stays a miss.
 */
final class LookupCachingClassLoader extends ClassLoader {

    /** Names remembered at most; beyond it the memory starts afresh, so no stream of rule texts can grow it without end. */
    private static final int MAX_REMEMBERED = 50_000;

    private final Set<String> missingClasses = ConcurrentHashMap.newKeySet();
    private final Set<String> missingResources = ConcurrentHashMap.newKeySet();

    static {
        registerAsParallelCapable();
    }

    LookupCachingClassLoader(ClassLoader application) {
        super("rule-compiler", application);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (missingClasses.contains(name)) {
            throw new ClassNotFoundException(name);
        }
        try {
            return super.loadClass(name, resolve);
        } catch (ClassNotFoundException e) {
            remember(missingClasses, name);
            throw e;
        }
    }

    /** Also what {@code getResourceAsStream} asks. */
    @Override
    public URL getResource(String name) {
        if (missingResources.contains(name)) {
            return null;
        }
        URL found = super.getResource(name);
        if (found == null) {
            remember(missingResources, name);
        }
        return found;
    }

    private static void remember(Set<String> missing, String name) {
        if (missing.size() >= MAX_REMEMBERED) {
            missing.clear();
        }
        missing.add(name);
    }
}

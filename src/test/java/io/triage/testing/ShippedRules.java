package io.triage.testing;

import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.rules.RuleSetFiles;

import java.nio.file.Path;

/**
 * The rule set under {@code rules/} and {@code test-cases/}, read and compiled once per test JVM
 * for the tests that only evaluate it (a compiled rule set is immutable and thread-safe).
 */
public final class ShippedRules {

    private static RuleSetFiles files;
    private static RuleSet compiled;

    private ShippedRules() {
    }

    public static synchronized RuleSetFiles files() {
        if (files == null) {
            files = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        }
        return files;
    }

    public static synchronized RuleSet compiled() {
        if (compiled == null) {
            compiled = new RuleSetCompiler().compileOrThrow(files());
        }
        return compiled;
    }
}

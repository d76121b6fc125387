package io.triage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** Triage's own settings, read and checked once at startup. */
@ConfigMapping(prefix = "triage")
public interface TriageConfig {

    Rules rules();

    interface Rules {
        /** Folder with the DRL, questionnaire.yaml and recommendations.yaml. */
        @WithDefault("rules")
        Path dir();

        /** Folder with the golden cases every rule set must pass. */
        @WithDefault("test-cases")
        Path testCasesDir();
    }
}

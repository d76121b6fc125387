package io.triage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Triage's own settings, read and checked once at startup. */
@ConfigMapping(prefix = "triage")
public interface TriageConfig {

    /** Folder for local state: the embedded H2 database, the first credentials. */
    @WithDefault("data")
    Path dataDir();

    Rules rules();

    Db db();

    interface Db {
        enum Kind { H2, POSTGRESQL }

        /**
         * Which database stores decisions: {@code h2} (embedded file database under data/) or
         * {@code postgresql} (set {@code triage.db.url}, {@code triage.db.user}, {@code triage.db.password}).
         * Mapped onto the datasources' active flags by {@link DatabaseSelection}.
         */
        @WithDefault("h2")
        Kind kind();

        /** PostgreSQL JDBC URL, e.g. {@code jdbc:postgresql://db.internal:5432/triage}. */
        Optional<String> url();

        Optional<String> user();

        /** Never has a default; give it through the environment ({@code TRIAGE_DB_PASSWORD}). */
        Optional<String> password();
    }

    interface Rules {
        /** Folder with the DRL, questionnaire.yaml and recommendations.yaml. */
        @WithDefault("rules")
        Path dir();

        /** Folder with the golden cases every rule set must pass. */
        @WithDefault("test-cases")
        Path testCasesDir();
    }
}

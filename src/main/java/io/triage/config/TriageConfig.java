package io.triage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import io.quarkus.runtime.configuration.MemorySize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Triage's own settings, read and checked once at startup. */
@ConfigMapping(prefix = "triage")
public interface TriageConfig {

    /**
     * Folder for local state: the embedded H2 database, the first credentials. Absolute, or
     * relative starting with "./" (H2 refuses bare relative paths).
     */
    @WithDefault("./data")
    Path dataDir();

    Rules rules();

    Db db();

    Security security();

    Limits limits();

    Policy policy();

    interface Policy {
        /** Watch rules/ and test-cases/ and take in edits that pass the gate. */
        @WithDefault("true")
        boolean watch();

        /** Quiet time after the last file change before a reload starts (an editor saves in bursts). */
        @WithDefault("300ms")
        Duration debounce();

        /**
         * Two-person rule: a version becomes active only after a second policy owner (not the one
         * activating) approved it. Disk edits then wait for approval like uploads.
         */
        @WithDefault("false")
        boolean twoPersonRule();

        /**
         * Generated questionnaires each candidate's invariants are checked on, on top of the golden
         * cases' answers and the sweep of every choice and threshold. More finds rarer breaks and
         * makes every reload slower (see BENCHMARKS.md).
         */
        @WithDefault("1000")
        int invariantSamples();
    }

    interface Security {
        /** Wrong passwords in a row that lock an account. */
        @WithDefault("5")
        int maxFailedLogins();

        /** How long a locked account stays locked. */
        @WithDefault("5m")
        Duration lockout();

        /**
         * How long a verified password is remembered (as a keyed digest, in memory), so HTTP Basic
         * does not cost a bcrypt check on every request. Account changes forget it at once.
         */
        @WithDefault("5m")
        Duration credentialCache();

        /**
         * Key that encrypts the login cookie of the web pages (at least 32 characters). Required
         * in production: without it Triage refuses to start. Give it as TRIAGE_SECURITY_SESSION_KEY.
         */
        Optional<String> sessionKey();
    }

    interface Limits {
        /** Largest body accepted by POST /api/decisions. */
        @WithDefault("256K")
        MemorySize decisionBody();

        /** Largest body accepted by rule-set uploads. */
        @WithDefault("2M")
        MemorySize rulesetBody();
    }

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

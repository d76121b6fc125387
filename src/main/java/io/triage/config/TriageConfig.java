package io.triage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import io.quarkus.runtime.configuration.MemorySize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    Cluster cluster();

    Engine engine();

    Worker worker();

    Preview preview();

    /** Live previews of a decision as the form is filled (evaluated, never stored), per user. */
    interface Preview {
        /** Previews a user may ask for per minute, on average. */
        @WithDefault("120")
        int perMinute();

        /** Previews a user may ask for at once before the rate applies. */
        @WithDefault("20")
        int burst();
    }

    /**
     * The confined worker: a separate JVM, with an empty environment, a throwaway working folder,
     * no database and a small heap, that compiles and runs rule sets not yet trusted.
     */
    interface Worker {
        /** Largest heap of a worker process. */
        @WithDefault("256m")
        String heap();

        /** Wall-clock limit for validating a candidate, a what-if replay or a bundle; the worker is killed on it. */
        @WithDefault("30s")
        Duration timeout();

        /** Wall-clock limit for an impact analysis (it replays many stored decisions). */
        @WithDefault("10m")
        Duration impactTimeout();

        /**
         * Wall-clock limit for validating the rules on disk at startup, when no worker is warm yet and
         * the machine is busy starting the service itself.
         */
        @WithDefault("5m")
        Duration startupTimeout();

        /** Keep one worker started and warmed up, so a candidate does not wait for a JVM to start. */
        @WithDefault("true")
        boolean spare();

        /**
         * Validations of the active rules a spare runs while it waits for a job (about 2 s of
         * processor time each, at low priority), so the job runs warm; 0 only starts the JVM.
         */
        @WithDefault("3")
        int warmUpRounds();

        /**
         * After an impact analysis, keep a second spare, with the optimizing compiler, for the next
         * one. It warms up (about 25 s on two quiet cores, at low priority), so that analysis starts
         * at its steady rate instead of compiling everything cold.
         */
        @WithDefault("true")
        boolean impactSpare();
    }

    /** What one evaluation may cost before it is stopped (see EvaluationBudget). */
    interface Engine {
        /** Rule firings per evaluation; ordinary decisions fire a few dozen. */
        @WithDefault("1000")
        int maxFirings();

        /** Facts inserted by rules per evaluation. */
        @WithDefault("500")
        int maxFacts();

        /**
         * Processor time per evaluation, checked between firings (and four times as much wall time,
         * for a thread starved by a busy machine). An ordinary decision takes well under a
         * millisecond; this is for a rule set that grinds, and leaves room for a busy machine.
         */
        @WithDefault("5s")
        Duration timeout();

        /**
         * Largest decision record (canonical JSON) the log accepts; a bigger one is refused, not stored.
         * Startup is refused above 64 MB (a stored record that decompresses past that is read as
         * damaged) and, on H2, above about 996,000 bytes, the most that fits the record column of
         * 1,000,000 bytes even if it does not compress.
         */
        @WithDefault("256K")
        MemorySize maxRecord();
    }

    interface Policy {
        /** Watch rules/ and test-cases/ and take in edits that pass the gate. */
        @WithDefault("true")
        boolean watch();

        /** Quiet time after the last file change before a reload starts (an editor saves in bursts). */
        @WithDefault("100ms")
        Duration debounce();

        /**
         * Two-person rule: a version becomes active only after a policy owner who neither submitted
         * it nor activates it approved it. Disk edits then wait for approval like uploads.
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

        /**
         * Compilations of the active rules run in the background after startup, so that the first
         * edits of a rule compile at warm speed (about 6 s of processor time; 0 turns it off).
         */
        @WithDefault("6")
        int compilerWarmUp();
    }

    interface Security {
        /**
         * How long a verified password is remembered (as a keyed digest, in memory), so HTTP Basic
         * does not cost a bcrypt check on every request. Account changes forget it at once, on
         * every instance.
         */
        @WithDefault("5m")
        Duration credentialCache();

        /**
         * Key for the web login's session records (at least 32 characters): the database holds
         * only HMAC digests of the session tokens under it. Required in production: without it
         * Triage refuses to start. Every instance needs the same. Give it as TRIAGE_SECURITY_SESSION_KEY.
         */
        Optional<String> sessionKey();

        /** A web login ends after this long without a request. */
        @WithDefault("30m")
        Duration sessionIdle();

        /** A web login ends this long after it began, however active it is. */
        @WithDefault("12h")
        Duration sessionAbsolute();

        /**
         * Send the login, return and CSRF cookies with the Secure flag, so browsers send them over
         * HTTPS only. Turn on whenever browsers reach Triage over TLS, also through a proxy that
         * terminates it; a request that arrives over TLS gets the flag anyway.
         */
        @WithDefault("false")
        boolean secureCookies();

        /**
         * Addresses or CIDR blocks (10.0.0.0/8, fd00::/8) of the proxies in front of Triage. Only
         * a request whose socket peer is one of them has its X-Forwarded-For read; the client is
         * the last address in it that is not a trusted proxy. Empty: the socket peer is the client.
         */
        Optional<List<String>> trustedProxies();

        LoginThrottle loginThrottle();
    }

    /**
     * Slowing down password guessing, per account name and client address: a few failures are
     * free, then each one makes the next attempt wait, twice as long each time up to a cap.
     */
    interface LoginThrottle {
        /** Failures from one address for one name before the first delay. */
        @WithDefault("3")
        int freeFailures();

        /** The first delay; each further failure doubles it. */
        @WithDefault("1s")
        Duration firstDelay();

        /** The longest delay. */
        @WithDefault("15m")
        Duration maxDelay();

        /**
         * A burst of failures ends after this long without an attempt; its counters are then
         * dropped and the burst is written to the access log as one row. Longer than max-delay,
         * so waiting out a delay does not reset the count.
         */
        @WithDefault("30m")
        Duration burstEndsAfter();
    }

    interface Cluster {
        /**
         * How often each instance re-reads shared state in case a notification from another
         * instance was missed (PostgreSQL only; a single H2 instance has nobody to hear from).
         */
        @WithDefault("5s")
        Duration pollInterval();

        /**
         * How this instance is named in the status of every instance and in the log (unique among
         * the instances on one database). Default: the host name (a pod's name in Kubernetes) and
         * the HTTP port.
         */
        Optional<String> instanceName();
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

        /**
         * How long a request waits for the log to confirm its decision. Past it, the answer says the
         * outcome is unknown and names the decision to check (never "not stored" unless that is certain).
         */
        @WithDefault("30s")
        Duration ackTimeout();

        /**
         * Whether the embedded H2 file's half-empty chunks are rewritten in the background (see
         * {@code store.H2FileCompaction}). Off, the file grows about 20 KB per decision and is only
         * compacted when the service stops.
         */
        @WithDefault("true")
        boolean h2Compaction();

        /**
         * How new decision records are compressed: {@code lz4} or {@code deflate}. Every version reads
         * both, but versions before LZ4 came read only deflate, and report an LZ4 record as damaged.
         * So while instances of such a version still share the database (a rolling upgrade), new
         * instances must write {@code deflate}.
         */
        @WithDefault("lz4")
        RecordCompression recordCompression();

        enum RecordCompression { LZ4, DEFLATE }
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

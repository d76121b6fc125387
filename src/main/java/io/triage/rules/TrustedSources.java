package io.triage.rules;

import java.util.Optional;

/**
 * Where {@link CompiledVersions} finds a stored version's sources and learns whether it passed
 * validation; the store implements it, so the cache needs no database types.
 */
public interface TrustedSources {

    /** The stored sources of the version, empty if no such version is stored. */
    Optional<RuleSetFiles> stored(String version);

    /** Whether the version passed validation in the confined worker. */
    boolean passedValidation(String version);
}

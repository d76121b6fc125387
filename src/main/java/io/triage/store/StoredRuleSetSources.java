package io.triage.store;

import io.triage.history.StoredRuleSet;
import io.triage.history.RuleSetCandidate;
import io.triage.rules.RuleSetFiles;
import io.triage.rules.TrustedSources;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The stored rule-set versions and their validation outcomes, as the compiled-version cache sees them. */
@ApplicationScoped
public class StoredRuleSetSources implements TrustedSources {

    private final RuleSetRepository repository;
    private final RuleSetHistory history;

    StoredRuleSetSources(RuleSetRepository repository, RuleSetHistory history) {
        this.repository = repository;
        this.history = history;
    }

    @Override
    public Optional<RuleSetFiles> stored(String version) {
        return repository.find(version).map(StoredRuleSet::files);
    }

    @Override
    public boolean passedValidation(String version) {
        return history.candidate(version).map(RuleSetCandidate::passed).orElse(false);
    }
}

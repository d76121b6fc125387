package io.triage.audit;

import io.triage.rules.ActiveRuleSet;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetCompiler;
import io.triage.store.RuleSetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Compiled rule-set versions for replay and impact analysis, rebuilt from their stored sources on
 * first use and kept in a small least-recently-used cache. The active version is served as is.
 */
@ApplicationScoped
public class CompiledVersions {

    static final int CAPACITY = 8;

    private final RuleSetRepository repository;
    private final RuleSetCompiler compiler;
    private final ActiveRuleSet active;
    // Futures, so a version is compiled once even when several replays ask for it together.
    private final Map<String, CompletableFuture<RuleSet>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<RuleSet>> eldest) {
            return size() > CAPACITY;
        }
    };

    CompiledVersions(RuleSetRepository repository, RuleSetCompiler compiler, ActiveRuleSet active) {
        this.repository = repository;
        this.compiler = compiler;
        this.active = active;
    }

    /** Keeps a version compiled elsewhere (a candidate that just passed validation), so activating it costs nothing. */
    public void remember(RuleSet ruleSet) {
        synchronized (cache) {
            cache.put(ruleSet.version(), CompletableFuture.completedFuture(ruleSet));
        }
    }

    /** The compiled version, or {@link NotFoundException} if no such version is stored. */
    public RuleSet get(String version) {
        Optional<RuleSet> current = active.current().map(ActiveRuleSet.Activation::ruleSet)
                .filter(r -> r.version().equals(version));
        if (current.isPresent()) {
            return current.get();
        }
        CompletableFuture<RuleSet> future;
        boolean mine = false;
        synchronized (cache) {
            future = cache.get(version);
            if (future == null) {
                future = new CompletableFuture<>();
                cache.put(version, future);
                mine = true;
            }
        }
        if (mine) {
            try {
                RuleSetRepository.StoredRuleSet stored = repository.find(version)
                        .orElseThrow(() -> new NotFoundException("no rule-set version " + version + " is stored"));
                future.complete(compiler.compileOrThrow(stored.files()));
            } catch (RuntimeException e) {
                synchronized (cache) {
                    cache.remove(version);
                }
                future.completeExceptionally(e);
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}

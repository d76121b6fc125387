package io.triage.rules;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Compiled rule-set versions the service itself runs: the active one, versions that passed
 * validation and are about to be activated, and the versions stored decisions were made on (for
 * replay). Rebuilt from their stored sources on first use and kept in a small least-recently-used
 * cache. Versions that never passed validation are never compiled here; they run in the worker.
 */
@ApplicationScoped
public class CompiledVersions {

    static final int CAPACITY = 8;

    private final TrustedSources sources;
    private final RuleSetCompiler compiler;
    private final ActiveRuleSet active;
    // Futures, so a version is compiled once even when several replays ask for it together.
    private final Map<String, CompletableFuture<RuleSet>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<RuleSet>> eldest) {
            return size() > CAPACITY;
        }
    };

    CompiledVersions(TrustedSources sources, RuleSetCompiler compiler, ActiveRuleSet active) {
        this.sources = sources;
        this.compiler = compiler;
        this.active = active;
    }

    /**
     * Compiles a version that has just passed validation in the confined worker and keeps it, so
     * activating it costs nothing. The compiler checks the rule language again here: whatever the
     * worker said, code outside it is never compiled in this process.
     */
    public void compileTrusted(RuleSetFiles files) {
        RuleSet ruleSet = compiler.compileOrThrow(files);
        synchronized (cache) {
            cache.put(ruleSet.version(), CompletableFuture.completedFuture(ruleSet));
        }
    }

    /** The versions compiled and kept here now, ready to serve at once. */
    public Set<String> ready() {
        synchronized (cache) {
            return cache.entrySet().stream().filter(e -> e.getValue().isDone() && !e.getValue().isCompletedExceptionally())
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The compiled version, or {@link UnknownVersionException} if no such version is stored. */
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
                RuleSetFiles stored = sources.stored(version)
                        .orElseThrow(() -> new UnknownVersionException(version));
                // INVARIANT: only versions that passed validation in the worker are compiled in this process
                if (!sources.passedValidation(version)) {
                    throw new UntrustedVersionException(version);
                }
                future.complete(compiler.compileOrThrow(stored));
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

package io.triage.rules;

import io.triage.rules.language.RuleSource;
import org.drools.base.RuleBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.drools.kiesession.rulebase.SessionsAwareKnowledgeBase;
import org.kie.api.KieBase;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rule networks this process built lately, by the exact DRL they were built from. Most edits
 * change texts, parameters, questions or golden cases and leave every .drl file as it was; such a
 * version gets a knowledge base of its own (its own sessions) over the network already built,
 * instead of compiling the same rules again. A network is immutable once built, and sessions keep
 * their working memory to themselves, so versions can share one.
 */
final class RuleBases {

    private static final int CAPACITY = 4;

    /** Same sources, same class loader: the same network. */
    private record Key(ClassLoader loader, String sources) {
    }

    private static final Map<Key, RuleBase> BUILT = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, RuleBase> eldest) {
            return size() > CAPACITY;
        }
    };

    private RuleBases() {
    }

    /** A new knowledge base over the network built from exactly these sources, if one was built lately. */
    static Optional<KieBase> reuse(ClassLoader loader, Iterable<RuleSource> sources) {
        RuleBase built;
        synchronized (BUILT) {
            built = BUILT.get(new Key(loader, digest(sources)));
        }
        return Optional.ofNullable(built).map(KnowledgeBaseFactory::newKnowledgeBase);
    }

    /** Remembers the network of a knowledge base just built from these sources. */
    static void keep(ClassLoader loader, Iterable<RuleSource> sources, KieBase kieBase) {
        if (kieBase instanceof SessionsAwareKnowledgeBase aware) {
            synchronized (BUILT) {
                BUILT.put(new Key(loader, digest(sources)), aware.getDelegate());
            }
        }
    }

    private static String digest(Iterable<RuleSource> sources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (RuleSource source : sources) {
                sha.update(source.path().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(source.text().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}

package io.triage.engine;

import io.triage.facts.Fact;
import io.triage.facts.Term;
import io.triage.rules.RuleSet;
import org.drools.base.InitialFact;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.Match;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Listens to one session and records, from the engine's own events, which rule fired with which
 * facts and what each firing inserted. One listener per evaluation; not thread-safe.
 */
final class TraceListener extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    /** A firing under construction. */
    static final class Firing {
        final int seq;
        final String rule;
        final List<Object> matchedFacts;
        final List<Object> matched;
        // most firings retract nothing and many insert nothing the trace keeps: lists only when needed
        private List<Object> produced;
        private List<Object> retracted;
        /** The inputs (answers, parameters) behind this firing, directly or through the facts it matched (bit = input index). */
        java.util.BitSet answers;

        Firing(int seq, String rule, List<Object> matchedFacts, List<Object> matched) {
            this.seq = seq;
            this.rule = rule;
            this.matchedFacts = matchedFacts;
            this.matched = matched;
        }

        void produced(Object fact) {
            if (produced == null) {
                produced = new ArrayList<>(2);
            }
            produced.add(fact);
        }

        void retracted(Object fact) {
            if (retracted == null) {
                retracted = new ArrayList<>(1);
            }
            retracted.add(fact);
        }

        TraceEntry toEntry() {
            return new TraceEntry(seq, rule, matched, produced == null ? List.of() : produced,
                    retracted == null ? List.of() : retracted);
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    /** A thread starved by a busy machine still ends, at this many times its processor-time budget. */
    static final int WALL_CLOCK_FACTOR = 4;
    /** The clocks are read before every eighth firing, which is often enough. */
    private static final int CLOCK_EVERY = 8;

    /**
     * The processor clock is a system call of 1.5–3 µs here, 5 % of an evaluation, so it is first read
     * only once the evaluation has run for this share of its budget by the wall clock, and the wall
     * time until then counts as processor time: stricter for a thread that waited early on, never looser.
     */
    static final int CPU_MARK_DIVISOR = 16;

    private final EvaluationBudget budget;
    private final long wallStart;
    private final long cpuMarkAfterNanos;
    /** The processor clock when first read, and the wall time then; -1 before. */
    private long cpuAtMark = -1;
    private long wallAtMark;
    private final long maxCpuNanos;
    private final long maxWallNanos;
    private final RuleSet ruleSet;
    final List<Firing> firings = new ArrayList<>(64);
    /** Every fact inserted by a rule, in insertion order. */
    final List<Object> inserted = new ArrayList<>(32);
    /** The firing that inserted each fact of {@link #inserted}, at the same index. */
    private final List<Firing> insertedBy = new ArrayList<>(32);
    /** Which firing inserted each fact, built when first asked: the codes alone never need it. */
    private Map<Object, Firing> producers;
    private Firing current;
    /** Why the evaluation was halted between firings; null while within budget. */
    String overBudget;

    TraceListener(EvaluationBudget budget, RuleSet ruleSet) {
        this.budget = budget;
        // the time budget counts this thread's processor time, not the wall clock: a loop burns
        // processor time, while a thread that merely waits its turn on a busy machine does not
        this.wallStart = System.nanoTime();
        this.maxCpuNanos = budget.maxTime().toNanos();
        this.cpuMarkAfterNanos = maxCpuNanos / CPU_MARK_DIVISOR;
        this.maxWallNanos = maxCpuNanos * WALL_CLOCK_FACTOR;
        this.ruleSet = ruleSet;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        if (overBudget == null && firings.size() >= budget.maxFirings()) {
            overBudget = "the rules fired more than " + budget.maxFirings() + " times on these answers; rule '"
                    + ruleSet.ruleIdOf(event.getMatch().getRule()) + "' probably re-triggers itself";
        } else if (overBudget == null && firings.size() % CLOCK_EVERY == 0) {
            long wall = System.nanoTime() - wallStart;
            if (wall > cpuMarkAfterNanos && cpuAtMark < 0) {
                cpuAtMark = THREADS.getCurrentThreadCpuTime();
                wallAtMark = wall;
            }
            // a thread cannot use more processor time than has passed, so the processor clock is
            // read again only once the wall clock alone exceeds the budget
            if (wall > maxCpuNanos && wallAtMark + THREADS.getCurrentThreadCpuTime() - cpuAtMark > maxCpuNanos) {
                overBudget = "the rules took longer than " + budget.maxTime().toMillis() + " ms of processor time on these answers";
            } else if (wall > maxWallNanos) {
                overBudget = "the rules took longer than " + budget.maxTime().toMillis() * WALL_CLOCK_FACTOR + " ms on these answers";
            }
        }
        if (overBudget != null) {
            // stops the engine before the next firing; this one is not recorded
            event.getKieRuntime().halt();
        }
        Match match = event.getMatch();
        List<Object> facts = match.getObjects();
        current = new Firing(firings.size() + 1, ruleSet.ruleIdOf(match.getRule()), facts, kept(facts));
    }

    /**
     * The matched facts as the trace keeps them. Drools hands each match a new unmodifiable list, so
     * one that holds only fact-model objects (immutable) is kept as it is, without a copy.
     */
    private static List<Object> kept(List<Object> facts) {
        for (Object fact : facts) {
            if (!(fact instanceof Fact)) {
                List<Object> kept = new ArrayList<>(facts.size());
                for (Object each : facts) {
                    // Drools' own placeholder for a rule that starts with 'not'/'exists' is no fact of ours
                    if (!(each instanceof InitialFact)) {
                        kept.add(keep(each));
                    }
                }
                return kept;
            }
        }
        return facts;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        firings.add(current);
        current = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (current == null) {
            return;
        }
        Object fact = event.getObject();
        // thrown inside the rule's action, so it stops there rather than after the action has run on
        if (inserted.size() >= budget.maxFacts()) {
            throw new OverBudgetException("the rules inserted more than " + budget.maxFacts() + " facts on these answers;"
                    + " rule '" + current.rule + "' keeps inserting");
        }
        if (fact instanceof Term t && !isTermName(t.getName())) {
            throw new EvaluationException("rule '" + current.rule + "' drew a term named '" + shorten(t.getName())
                    + "'; term names are lower_snake_case, at most 64 characters");
        }
        current.produced(keep(fact));
        inserted.add(fact);
        insertedBy.add(current);
    }

    /**
     * The firing that inserted a fact; null for a fact given as input (an answer, a parameter).
     * Ask only once the rules have run: the map is built from the facts inserted until the first call.
     */
    Firing producerOf(Object fact) {
        if (producers == null) {
            producers = new IdentityHashMap<>(inserted.size());
            for (int i = 0; i < inserted.size(); i++) {
                producers.put(inserted.get(i), insertedBy.get(i));
            }
        }
        return producers.get(fact);
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        if (current != null) {
            current.produced(keep(event.getObject()));
        }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        if (current != null) {
            current.retracted(keep(event.getOldObject()));
        }
    }

    /** lower_snake_case of at most 64 characters, starting with a letter: {@code [a-z][a-z0-9_]{0,63}}. */
    static boolean isTermName(String name) {
        if (name.isEmpty() || name.length() > 64 || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }

    // Fact-model objects are immutable, so a reference is as good as a copy; anything else (types
    // declared in DRL) is snapshotted now, because a later rule may modify it.
    private static Object keep(Object fact) {
        return fact instanceof Fact ? fact : FactJson.snapshot(fact);
    }
}

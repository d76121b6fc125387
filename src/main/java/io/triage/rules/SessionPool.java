package io.triage.rules;

import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Sessions of one rule-set version, reset and reused instead of built for every decision. Drools'
 * own pool takes a session back on {@code destroy()} as well as on {@code dispose()}, so a session
 * that failed or was halted would be handed out again; this one only takes back what it is given
 * back as clean, and really disposes of everything else.
 */
public final class SessionPool {

    private final KieBase kieBase;
    private final BlockingQueue<KieSession> idle;

    SessionPool(KieBase kieBase, int capacity) {
        this.kieBase = kieBase;
        this.idle = new ArrayBlockingQueue<>(Math.max(1, capacity));
    }

    /** An idle session, or a new one; used by one thread until it is returned or discarded. */
    public KieSession take() {
        KieSession session = idle.poll();
        return session != null ? session : kieBase.newKieSession();
    }

    /** A session whose evaluation ended normally: emptied and kept for the next decision if there is room. */
    public void giveBack(KieSession session) {
        ((StatefulKnowledgeSessionImpl) session).reset();
        if (!idle.offer(session)) {
            session.dispose();
        }
    }

    /** A session that failed, was halted or went over budget: never used again. */
    public void discard(KieSession session) {
        session.dispose();
    }

    /** Sessions waiting to be reused (for tests and metrics). */
    public int idleCount() {
        return idle.size();
    }
}

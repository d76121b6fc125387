package io.triage.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * What several instances on one PostgreSQL database take in turn: a transaction-scoped advisory
 * lock, held from {@link #hold} until the transaction commits or rolls back (so a holder that
 * crashes never keeps it). On H2 there is nothing to take: one process at a time opens the file
 * (see {@link DatabaseStart}), and within a process each user of a lock is already serialized.
 * <p>
 * The locks show in {@code pg_locks} as {@code locktype = 'advisory'}, {@code classid} 1414678849
 * ("TRIA") and the {@code objid} of the lock below; they are per database, so several Triage
 * databases on one server do not share them.
 */
public enum ClusterLock {

    /** Extending the decision log: one writer at a time appends to the chain's head. */
    DECISION_CHAIN(1),
    /** Changing the active rule-set version: the current one and its history change together. */
    ACTIVE_VERSION(2),
    /** Creating the first accounts: exactly one instance does it. */
    FIRST_START(3);

    private static final int CLASS_ID = 0x54524941; // "TRIA"

    private final int objectId;

    ClusterLock(int objectId) {
        this.objectId = objectId;
    }

    /**
     * Waits for the lock and holds it to the end of the connection's current transaction (the
     * connection must not be in auto-commit mode). Does nothing on H2.
     */
    public void hold(Connection c) throws SQLException {
        if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
            return;
        }
        if (c.getAutoCommit()) {
            throw new IllegalStateException("a transaction-scoped lock needs a transaction");
        }
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            s.setInt(1, CLASS_ID);
            s.setInt(2, objectId);
            s.execute();
        }
    }
}

package io.triage.store;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/** H2 trigger that refuses every UPDATE and DELETE on the log's tables: they are append-only. */
public class AppendOnlyTrigger implements Trigger {

    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("table " + table + " is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused", "42501");
    }
}

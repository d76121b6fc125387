package io.triage.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What an attacker with direct database access could do, over plain JDBC: switch off the
 * append-only triggers and edit rows. Every edit here is undone by the test that made it.
 */
final class StoreTamper {

    private final DataSource dataSource;
    private final boolean postgres;

    StoreTamper(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            this.postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    interface Edit {
        void apply(Connection c) throws SQLException;
    }

    /** Runs the edit with the append-only guards off, then puts them back. */
    void withGuardsOff(Edit edit) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(postgres ? "ALTER TABLE decisions DISABLE TRIGGER decisions_append_only"
                    : "DROP TRIGGER decisions_append_only");
            try {
                edit.apply(c);
            } finally {
                s.execute(postgres ? "ALTER TABLE decisions ENABLE TRIGGER decisions_append_only"
                        : "CREATE TRIGGER decisions_append_only BEFORE UPDATE, DELETE ON decisions"
                          + " FOR EACH ROW CALL 'io.triage.store.AppendOnlyTrigger'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    interface RecordEdit {
        void apply(Connection c, byte[] original) throws SQLException;
    }

    /** With the guards off, hands the edit the decision's stored record, and puts it back afterwards whatever the edit did. */
    void withRecordRestored(long seq, RecordEdit edit) {
        withGuardsOff(c -> {
            byte[] original = row(c, seq).record();
            try {
                edit.apply(c, original);
            } finally {
                setRecord(c, seq, original);
            }
        });
    }

    void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The full row of a decision, every column, so it can be put back exactly. */
    record Row(long seq, String id, java.sql.Timestamp createdAt, String submittedBy, String rulesetVersion,
               String questionnaireVersion, String codes, byte[] record, String previousHash, String recordHash) {

        /** The canonical JSON inside the stored (compressed) bytes. */
        String json() {
            return RecordCodec.decode(record);
        }
    }

    Row row(Connection c, long seq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT seq, id, created_at, submitted_by, ruleset_version, "
                + "questionnaire_version, codes, record, previous_hash, record_hash FROM decisions WHERE seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no record " + seq);
                }
                return new Row(rs.getLong(1), rs.getString(2), rs.getTimestamp(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getString(9), rs.getString(10));
            }
        }
    }

    void delete(Connection c, long seq) throws SQLException {
        try (PreparedStatement row = c.prepareStatement("DELETE FROM decisions WHERE seq = ?")) {
            row.setLong(1, seq);
            row.executeUpdate();
        }
    }

    void insert(Connection c, Row r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO decisions (seq, id, created_at, submitted_by, "
                + "ruleset_version, questionnaire_version, codes, record, previous_hash, record_hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, r.seq());
            s.setString(2, r.id());
            s.setTimestamp(3, r.createdAt());
            s.setString(4, r.submittedBy());
            s.setString(5, r.rulesetVersion());
            s.setString(6, r.questionnaireVersion());
            s.setString(7, r.codes());
            s.setBytes(8, r.record());
            s.setString(9, r.previousHash());
            s.setString(10, r.recordHash());
            s.executeUpdate();
        }
    }

    /** Overwrites a row's content (everything but seq) with another row's. */
    void overwrite(Connection c, long seq, Row with) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE decisions SET id = ?, created_at = ?, submitted_by = ?, "
                + "ruleset_version = ?, questionnaire_version = ?, codes = ?, record = ?, previous_hash = ?, record_hash = ? "
                + "WHERE seq = ?")) {
            s.setString(1, with.id());
            s.setTimestamp(2, with.createdAt());
            s.setString(3, with.submittedBy());
            s.setString(4, with.rulesetVersion());
            s.setString(5, with.questionnaireVersion());
            s.setString(6, with.codes());
            s.setBytes(7, with.record());
            s.setString(8, with.previousHash());
            s.setString(9, with.recordHash());
            s.setLong(10, seq);
            s.executeUpdate();
        }
    }

    /** Swaps the contents of two records (ids and hashes are unique, so via placeholders). */
    void swap(Connection c, long a, long b) throws SQLException {
        Row first = row(c, a);
        Row second = row(c, b);
        Row placeholder = new Row(a, "swap-" + a, first.createdAt(), first.submittedBy(), first.rulesetVersion(),
                first.questionnaireVersion(), first.codes(), first.record(), "swap-p-" + a, "swap-r-" + a);
        overwrite(c, a, placeholder);
        overwrite(c, b, first);
        overwrite(c, a, second);
    }

    void setSubmittedBy(Connection c, long seq, String user) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE decisions SET submitted_by = ? WHERE seq = ?")) {
            s.setString(1, user);
            s.setLong(2, seq);
            s.executeUpdate();
        }
    }

    void setRecord(Connection c, long seq, byte[] record) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE decisions SET record = ? WHERE seq = ?")) {
            s.setBytes(1, record);
            s.setLong(2, seq);
            s.executeUpdate();
        }
    }
}

package io.triage.store;

import io.triage.common.StoreUnavailableException;
import io.triage.history.VersionNote;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Why the policy changed: the note a policy owner gives with a candidate (several, if the same
 * content was submitted more than once) and the note given with an activation. Append-only.
 */
@ApplicationScoped
public class ChangeNotes {

    private final DataSource dataSource;

    ChangeNotes(Database database) {
        this.dataSource = database.dataSource();
    }

    public void add(String version, String note, String writtenBy) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO ruleset_notes (version, note, written_by, written_at) "
                     + "VALUES (?, ?, ?, ?)")) {
            s.setString(1, version);
            s.setString(2, note);
            s.setString(3, writtenBy);
            s.setTimestamp(4, Timestamp.from(Instant.now()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the note could not be stored", e);
        }
    }

    /** The notes on one version, oldest first. */
    public List<VersionNote> of(String version) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT version, note, written_by, written_at FROM ruleset_notes "
                     + "WHERE version = ? ORDER BY seq")) {
            s.setString(1, version);
            return notes(s);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the notes could not be read", e);
        }
    }

    /** The latest note of every version that has one, for lists of versions. */
    public Map<String, VersionNote> latestByVersion() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT version, note, written_by, written_at FROM ruleset_notes ORDER BY seq")) {
            Map<String, VersionNote> latest = new HashMap<>();
            notes(s).forEach(n -> latest.put(n.version(), n));
            return latest;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the notes could not be read", e);
        }
    }

    public void addToActivation(long activationSeq, String note) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO activation_notes (activation_seq, note) VALUES (?, ?)")) {
            s.setLong(1, activationSeq);
            s.setString(2, note);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the activation note could not be stored", e);
        }
    }

    /** The notes given with activations, by activation sequence number. */
    public Map<Long, String> ofActivations() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT activation_seq, note FROM activation_notes");
             ResultSet rs = s.executeQuery()) {
            Map<Long, String> notes = new HashMap<>();
            while (rs.next()) {
                notes.put(rs.getLong(1), rs.getString(2));
            }
            return notes;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the activation notes could not be read", e);
        }
    }

    private static List<VersionNote> notes(PreparedStatement s) throws SQLException {
        List<VersionNote> list = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                list.add(new VersionNote(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
            }
        }
        return list;
    }
}

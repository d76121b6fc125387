package io.triage.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.StoreUnavailableException;
import io.triage.history.RuleSetActivation;
import io.triage.history.RuleSetApproval;
import io.triage.history.RuleSetCandidate;
import io.triage.history.ValidationAttempt;
import io.triage.json.CanonicalJson;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The life of rule-set versions: each candidate's validation report (who submitted it, from where,
 * whether it passed), approvals by a second policy owner, and every activation in order. All of it
 * append-only; rolling back is a new activation of an older version.
 */
@ApplicationScoped
public class RuleSetHistory {

    /** The version active now, according to the database: what every instance serves. */
    public record Current(String version, long activationSeq, Instant activatedAt, String activatedBy) {
    }

    /** What {@link #activate} did: {@code recorded} is false when the version was active already (nothing was written). */
    public record Transition(Current current, String previousVersion, boolean recorded) {
    }

    private final DataSource dataSource;

    RuleSetHistory(Database database) {
        this.dataSource = database.dataSource();
    }

    /** Records a candidate's report, unless that version was submitted before (the report would be the same). */
    public RuleSetCandidate saveCandidate(String version, boolean passed, JsonNode report, String origin, String submittedBy) {
        Optional<RuleSetCandidate> existing = candidate(version);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO ruleset_reports (version, passed, report, origin, "
                     + "submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, version);
            s.setBoolean(2, passed);
            s.setString(3, CanonicalJson.string(report));
            s.setString(4, origin);
            s.setString(5, submittedBy);
            s.setTimestamp(6, Timestamp.from(now));
            s.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return candidate(version).orElseThrow();
            }
            throw new StoreUnavailableException("the validation report could not be stored", e);
        }
        return new RuleSetCandidate(version, passed, report, origin, submittedBy, now);
    }

    public Optional<RuleSetCandidate> candidate(String version) {
        return candidates("SELECT version, passed, report, origin, submitted_by, submitted_at FROM ruleset_reports WHERE version = ?",
                version).stream().findFirst();
    }

    /** Every candidate, newest first. */
    public List<RuleSetCandidate> candidates() {
        return candidates("SELECT version, passed, report, origin, submitted_by, submitted_at FROM ruleset_reports "
                + "ORDER BY submitted_at DESC, version", null);
    }

    /** Records that a candidate's validation starts, before anything of it runs. */
    public long startAttempt(String version, String origin, String submittedBy) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO ruleset_attempts (version, origin, submitted_by, started_at) "
                     + "VALUES (?, ?, ?, ?)", new String[] {"seq"})) {
            s.setString(1, version);
            s.setString(2, origin);
            s.setString(3, submittedBy);
            s.setTimestamp(4, Timestamp.from(Instant.now()));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the validation could not be recorded, so it was not started", e);
        }
    }

    public void finishAttempt(long seq, String outcome, String detail) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO ruleset_attempt_outcomes (attempt_seq, outcome, detail, "
                     + "finished_at) VALUES (?, ?, ?, ?)")) {
            s.setLong(1, seq);
            s.setString(2, outcome);
            s.setString(3, detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 997) + "...");
            s.setTimestamp(4, Timestamp.from(Instant.now()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the end of the validation could not be recorded", e);
        }
    }

    /** Validation runs, newest first, all of them or those of one version. */
    public List<ValidationAttempt> attempts(String version) {
        String sql = "SELECT a.seq, a.version, a.origin, a.submitted_by, a.started_at, o.outcome, o.detail, o.finished_at "
                + "FROM ruleset_attempts a LEFT JOIN ruleset_attempt_outcomes o ON o.attempt_seq = a.seq "
                + (version == null ? "" : "WHERE a.version = ? ") + "ORDER BY a.seq DESC";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (version != null) {
                s.setString(1, version);
            }
            List<ValidationAttempt> list = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp finished = rs.getTimestamp(8);
                    list.add(new ValidationAttempt(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7),
                            finished == null ? null : finished.toInstant()));
                }
            }
            return list;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the validation runs could not be read", e);
        }
    }

    /**
     * Makes {@code version} the active one for every instance: in one transaction, under the
     * activation lock, appends the activation (from the version active until now) to the history
     * and changes the current version. Returns once that is committed. A version that is active
     * already is left as it is, and nothing is written.
     */
    public Transition activate(String version, String activatedBy, String reason, String approvedBy) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // INVARIANT: the current version and its history change together, one activation at a time
                ClusterLock.ACTIVE_VERSION.hold(c);
                Optional<Current> before = current(c);
                if (before.isPresent() && before.get().version().equals(version)) {
                    c.rollback();
                    return new Transition(before.get(), version, false);
                }
                String previous = before.map(Current::version).orElse(null);
                Instant now = Instant.now();
                long seq;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO activations (version, previous_version, activated_at, "
                        + "activated_by, reason, approved_by) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"seq"})) {
                    s.setString(1, version);
                    s.setString(2, previous);
                    s.setTimestamp(3, Timestamp.from(now));
                    s.setString(4, activatedBy);
                    s.setString(5, reason);
                    s.setString(6, approvedBy);
                    s.executeUpdate();
                    try (ResultSet keys = s.getGeneratedKeys()) {
                        keys.next();
                        seq = keys.getLong(1);
                    }
                }
                try (PreparedStatement s = c.prepareStatement(before.isPresent()
                        ? "UPDATE active_ruleset SET version = ?, activation_seq = ?, activated_at = ?, activated_by = ? WHERE id = 1"
                        : "INSERT INTO active_ruleset (version, activation_seq, activated_at, activated_by, id) VALUES (?, ?, ?, ?, 1)")) {
                    s.setString(1, version);
                    s.setLong(2, seq);
                    s.setTimestamp(3, Timestamp.from(now));
                    s.setString(4, activatedBy);
                    s.executeUpdate();
                }
                c.commit();
                return new Transition(new Current(version, seq, now, activatedBy), previous, true);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken; the transaction is gone with it
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the activation could not be recorded", e);
        }
    }

    /** The version every instance should serve now, or empty before the first activation. */
    public Optional<Current> current() {
        try (Connection c = dataSource.getConnection()) {
            return current(c);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the active version could not be read", e);
        }
    }

    private static Optional<Current> current(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version, activation_seq, activated_at, activated_by "
                + "FROM active_ruleset WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(new Current(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                    rs.getString(4))) : Optional.empty();
        }
    }

    /** Every activation, newest first. */
    public List<RuleSetActivation> activations() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT seq, version, previous_version, activated_at, activated_by, "
                     + "reason, approved_by FROM activations ORDER BY seq DESC");
             ResultSet rs = s.executeQuery()) {
            List<RuleSetActivation> list = new ArrayList<>();
            while (rs.next()) {
                list.add(new RuleSetActivation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
            return list;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the activations could not be read", e);
        }
    }

    public Optional<RuleSetActivation> lastActivation() {
        List<RuleSetActivation> all = activations();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** @return false if this person had approved the version already */
    public boolean approve(String version, String approvedBy) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO approvals (version, approved_by, approved_at) VALUES (?, ?, ?)")) {
            s.setString(1, version);
            s.setString(2, approvedBy);
            s.setTimestamp(3, Timestamp.from(Instant.now()));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw new StoreUnavailableException("the approval could not be recorded", e);
        }
    }

    public List<RuleSetApproval> approvals(String version) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT version, approved_by, approved_at FROM approvals WHERE version = ? "
                     + "ORDER BY approved_at")) {
            s.setString(1, version);
            List<RuleSetApproval> list = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    list.add(new RuleSetApproval(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                }
            }
            return list;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the approvals could not be read", e);
        }
    }

    private List<RuleSetCandidate> candidates(String sql, String version) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (version != null) {
                s.setString(1, version);
            }
            List<RuleSetCandidate> list = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    list.add(new RuleSetCandidate(rs.getString(1), rs.getBoolean(2), CanonicalJson.parse(rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()));
                }
            }
            return list;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the rule-set versions could not be read", e);
        }
    }
}

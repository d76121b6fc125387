package io.triage.security;

import io.triage.common.StoreUnavailableException;
import io.triage.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who did what, when and from where: logins and logouts, failed logins, and every account change.
 * Append-only (a trigger refuses changes); auditors read it. Repeated failed logins are not a row
 * each: {@link LoginThrottle} writes the first of a burst and then one row with the burst's count.
 */
@ApplicationScoped
public class AccessLog {

    /** What happened. */
    public enum Action {
        LOGIN, LOGOUT, LOGIN_FAILED, /** a burst of failed logins, with its count */ LOGIN_FAILURES, ACCOUNT_CREATED,
        ACCOUNT_DISABLED, ACCOUNT_ENABLED, PASSWORD_RESET, PASSWORD_CHANGED, ROLES_CHANGED
    }

    /** One entry; {@code subject} is the account acted upon, {@code remote} the client address. */
    public record Entry(long seq, Instant at, String actor, String action, String subject, String remote, String detail) {
    }

    /** A page of entries, newest first, and the cursor for the next. */
    public record Page(List<Entry> items, Long next) {
    }

    private final DataSource dataSource;

    @Inject
    AccessLog(Database database) {
        this(database.dataSource());
    }

    AccessLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(String actor, Action action, String subject, String remote, String detail) {
        try (Connection c = dataSource.getConnection()) {
            record(c, Instant.now(), actor, action, subject, remote, detail);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the access log could not be written", e);
        }
    }

    /** Writes an entry within the caller's transaction, so it stands or falls with the change it describes. */
    static void record(Connection c, Instant at, String actor, Action action, String subject, String remote, String detail)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO access_log (at, actor, action, subject, remote, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, clip(actor == null ? "" : actor, 100));
            s.setString(3, action.name().toLowerCase());
            s.setString(4, clip(subject, 100));
            s.setString(5, clip(remote, 100));
            s.setString(6, clip(detail, 500));
            s.executeUpdate();
        }
    }

    public Page page(int limit, Long before) {
        String sql = "SELECT seq, at, actor, action, subject, remote, detail FROM access_log"
                + (before == null ? "" : " WHERE seq < ?") + " ORDER BY seq DESC LIMIT " + (limit + 1);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (before != null) {
                s.setLong(1, before);
            }
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
            Long next = null;
            if (entries.size() > limit) {
                entries = entries.subList(0, limit);
                next = entries.get(entries.size() - 1).seq();
            }
            return new Page(List.copyOf(entries), next);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the access log could not be read", e);
        }
    }

    /** At most {@code max} characters, control characters shown as U+FFFD (PostgreSQL refuses NUL in text). */
    static String clip(String s, int max) {
        if (s == null) {
            return null;
        }
        String clipped = s.length() <= max ? s : s.substring(0, max);
        return clipped.codePoints().anyMatch(Character::isISOControl)
                ? clipped.codePoints().map(c -> Character.isISOControl(c) ? 0xFFFD : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString()
                : clipped;
    }
}

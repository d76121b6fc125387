package io.triage.store;

import io.triage.common.StoreUnavailableException;
import io.triage.history.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Background jobs as every instance sees them: what each covers, its state, progress and result.
 * The one mutable table of the policy workbench (see V7's comment): state and progress move while a
 * job runs; a finished job's row is never changed again.
 */
@ApplicationScoped
public class JobStore {

    private static final String COLUMNS = "id, kind, version, against, window_from, window_to, state, done, total, result, "
            + "error, cancel_requested, created_by, created_at, started_at, finished_at, heartbeat_at";
    private static final String UNFINISHED = "state IN ('" + Job.QUEUED + "', '" + Job.RUNNING + "')";

    private final DataSource dataSource;

    @Inject
    JobStore(Database database) {
        this(database.dataSource());
    }

    /** On a database of its own choosing: for tools and tests that act as another instance. */
    public JobStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void create(String id, String kind, String version, String against, Instant from, Instant to, String createdBy) {
        update("the job could not be recorded", "INSERT INTO jobs (id, kind, version, against, window_from, window_to, state, done, "
                + "cancel_requested, created_by, created_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, '" + Job.QUEUED + "', 0, FALSE, ?, ?, ?)",
                id, kind, version, against, time(from), time(to), createdBy, Instant.now(), Instant.now());
    }

    public Optional<Job> find(String id) {
        List<Job> found = query("SELECT " + COLUMNS + " FROM jobs WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Jobs newest first, of one kind (or all) and one version (or all). */
    public List<Job> list(String kind, String version, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (kind != null) {
            sql.append(" AND kind = ?");
            args.add(kind);
        }
        if (version != null) {
            sql.append(" AND version = ?");
            args.add(version);
        }
        sql.append(" ORDER BY created_at DESC, id FETCH FIRST ").append(Math.max(1, limit)).append(" ROWS ONLY");
        return query(sql.toString(), args.toArray());
    }

    /** An unfinished job covering exactly this, if one is queued or running (starting it twice would only double the work). */
    public Optional<Job> unfinished(String kind, String version, String against, Instant from, Instant to) {
        return list(kind, version, 50).stream().filter(j -> !j.finished())
                .filter(j -> java.util.Objects.equals(j.against(), against) && java.util.Objects.equals(j.from(), from)
                        && java.util.Objects.equals(j.to(), to))
                .findFirst();
    }

    public void start(String id, long total) {
        Instant now = Instant.now();
        update("the job could not be started", "UPDATE jobs SET state = '" + Job.RUNNING + "', total = ?, started_at = ?, heartbeat_at = ? "
                + "WHERE id = ? AND state = '" + Job.QUEUED + "'", total, now, now, id);
    }

    /** Records progress and that the job is alive; says whether someone asked it to stop. */
    public boolean beat(String id, long done) {
        update("the job's progress could not be recorded", "UPDATE jobs SET done = ?, heartbeat_at = ? WHERE id = ? AND " + UNFINISHED,
                done, Instant.now(), id);
        return find(id).map(Job::cancelRequested).orElse(true);
    }

    /** Ends a job (once: a finished job never changes). */
    public void finish(String id, String state, long done, String result, String error) {
        update("the end of the job could not be recorded", "UPDATE jobs SET state = ?, done = ?, result = ?, error = ?, finished_at = ? "
                + "WHERE id = ? AND " + UNFINISHED, state, done, result, bounded(error), Instant.now(), id);
    }

    /** @return false if the job had finished already */
    public boolean requestCancel(String id) {
        return update("the cancel request could not be recorded", "UPDATE jobs SET cancel_requested = TRUE WHERE id = ? AND "
                + UNFINISHED, id) > 0;
    }

    /**
     * Jobs whose instance stopped while they were queued or running (no heartbeat since
     * {@code silentSince}) are ended as failed, so nobody waits for them forever.
     */
    public int abandon(Instant silentSince, String why) {
        return update("abandoned jobs could not be ended", "UPDATE jobs SET state = '" + Job.FAILED + "', error = ?, finished_at = ? WHERE "
                + UNFINISHED + " AND heartbeat_at < ?", why, Instant.now(), silentSince);
    }

    /** A null of a given SQL type: PostgreSQL refuses a null typed as text for a timestamp column. */
    private record TypedNull(int type) {
    }

    private static Object time(Instant t) {
        return t == null ? new TypedNull(Types.TIMESTAMP_WITH_TIMEZONE) : t;
    }

    private static String bounded(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }

    private int update(String what, String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException(what, e);
        }
    }

    private List<Job> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            List<Job> jobs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long total = rs.getLong(9);
                    Long knownTotal = rs.wasNull() ? null : total;
                    jobs.add(new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                            instant(rs, 6), rs.getString(7), rs.getLong(8), knownTotal, rs.getString(10), rs.getString(11),
                            rs.getBoolean(12), rs.getString(13), instant(rs, 14), instant(rs, 15), instant(rs, 16), instant(rs, 17)));
                }
            }
            return jobs;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the jobs could not be read", e);
        }
    }

    private static void bind(PreparedStatement s, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                s.setNull(i + 1, Types.VARCHAR);
            } else if (a instanceof TypedNull n) {
                s.setNull(i + 1, n.type());
            } else if (a instanceof Instant t) {
                s.setTimestamp(i + 1, Timestamp.from(t));
            } else if (a instanceof Long l) {
                s.setLong(i + 1, l);
            } else {
                s.setString(i + 1, a.toString());
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}

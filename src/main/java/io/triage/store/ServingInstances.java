package io.triage.store;

import io.triage.common.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which instance serves which rule-set version, as each instance last reported it: one row per
 * instance, written by the instance itself, so the status seen through any instance lists them all.
 */
@ApplicationScoped
public class ServingInstances {

    /**
     * An instance as it last reported itself, {@code age} ago by the database's clock (so the
     * instances' clocks need not agree); {@code problem} is null when it serves what the database says.
     */
    public record Row(String instance, Instant startedAt, Duration age, String servingVersion, String problem) {
    }

    private final DataSource dataSource;

    ServingInstances(Database database) {
        this.dataSource = database.dataSource();
    }

    /** This instance's report: the version it serves now and what keeps it from the active one, if anything. */
    public void report(String instance, Instant startedAt, String servingVersion, String problem) {
        String shortProblem = problem == null || problem.length() <= 500 ? problem : problem.substring(0, 497) + "...";
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement s = c.prepareStatement("UPDATE cluster_instances SET started_at = ?, seen_at = CURRENT_TIMESTAMP, "
                    + "serving_version = ?, problem = ? WHERE instance = ?")) {
                s.setTimestamp(1, Timestamp.from(startedAt));
                s.setString(2, servingVersion);
                s.setString(3, shortProblem);
                s.setString(4, instance);
                updated = s.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO cluster_instances (instance, started_at, seen_at, "
                        + "serving_version, problem) VALUES (?, ?, CURRENT_TIMESTAMP, ?, ?)")) {
                    s.setString(1, instance);
                    s.setTimestamp(2, Timestamp.from(startedAt));
                    s.setString(3, servingVersion);
                    s.setString(4, shortProblem);
                    s.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("this instance's status could not be stored", e);
        }
    }

    /** Every instance that ever reported and was not forgotten, by name. */
    public List<Row> all() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT instance, started_at, seen_at, serving_version, problem, "
                     + "CURRENT_TIMESTAMP FROM cluster_instances ORDER BY instance")) {
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Duration age = Duration.between(rs.getTimestamp(3).toInstant(), rs.getTimestamp(6).toInstant());
                    rows.add(new Row(rs.getString(1), rs.getTimestamp(2).toInstant(), age.isNegative() ? Duration.ZERO : age,
                            rs.getString(4), rs.getString(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the instances' status could not be read", e);
        }
    }

    /** Drops the row of an instance that is gone. */
    public void forget(String instance) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM cluster_instances WHERE instance = ?")) {
            s.setString(1, instance);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the status of a departed instance could not be dropped", e);
        }
    }
}

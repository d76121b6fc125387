package io.triage.security;

import io.triage.common.StoreUnavailableException;
import io.triage.config.TriageConfig;
import io.triage.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing down without handing anyone a way to lock an account: failures are
 * counted per account name <em>and</em> client address, so a guesser at one address waits longer
 * and longer (a few free failures, then a delay that doubles with each failure up to a cap) while
 * the owner at another address logs in as usual. The counters are rows in the database, so they
 * hold on every instance and across restarts.
 * <p>
 * The access log gets the first failure of a burst and, when the burst ends (a success from that
 * address, an admin's password reset, or a quiet spell of {@code burst-ends-after}), one row with
 * its count: a thousand guesses are two rows. Failures for names that do not exist are throttled
 * per name like the others (so throttling does not tell which names exist), but logged per
 * address, so a client inventing a new name for every attempt cannot grow the log either.
 */
@ApplicationScoped
public class LoginThrottle {

    /** How long to wait, and whether this name had failed from this address before (its burst may need ending). */
    public record Check(Optional<Duration> retryAfter, boolean failedBefore) {
    }

    /** The settings, checked once. */
    record Settings(int freeFailures, Duration firstDelay, Duration maxDelay, Duration burstEndsAfter) {
        Settings {
            String prefix = "triage.security.login-throttle.";
            if (freeFailures < 1) {
                throw new IllegalArgumentException(prefix + "free-failures is " + freeFailures + "; it must be at least 1");
            }
            if (firstDelay.isNegative() || firstDelay.isZero()) {
                throw new IllegalArgumentException(prefix + "first-delay is " + firstDelay + "; it must be positive");
            }
            if (maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException(prefix + "max-delay (" + maxDelay + ") is shorter than first-delay (" + firstDelay + ")");
            }
            if (burstEndsAfter.compareTo(maxDelay) <= 0) {
                throw new IllegalArgumentException(prefix + "burst-ends-after (" + burstEndsAfter + ") must be longer than max-delay ("
                        + maxDelay + "), or waiting out the longest delay would start the count afresh");
            }
        }

        static Settings of(TriageConfig.LoginThrottle config) {
            return new Settings(config.freeFailures(), config.firstDelay(), config.maxDelay(), config.burstEndsAfter());
        }
    }

    private static final String ACCOUNT = "account";             // an existing name from one address: throttles, logs
    private static final String UNKNOWN = "unknown";             // a name that does not exist, from one address: throttles
    private static final String UNKNOWN_NAMES = "unknown-names"; // every unknown name from one address: logs
    private static final String SYSTEM = "system";

    private record Row(String kind, String account, String address, int failures, int refused, Instant firstAt, Instant lastAt,
                       Instant blockedUntil) {
        int attempts() {
            return failures + refused;
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final Settings settings;
    private final Clock clock;

    @Inject
    LoginThrottle(Database database, TriageConfig config) {
        this(database.dataSource(), Settings.of(config.security().loginThrottle()), Clock.systemUTC());
    }

    LoginThrottle(DataSource dataSource, Settings settings, Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Before a password is checked: if {@code name} is waiting out a delay at {@code address}, the
     * attempt is counted and the wait returned; the password must then not be checked at all, or
     * the delay would be an oracle.
     *
     * @param address the client address as {@link ClientAddress#throttleKey} gives it
     */
    public Check check(String name, String address) {
        Instant now = clock.instant();
        return inTransaction(c -> {
            Instant blockedUntil = null;
            String blockingKind = null;
            boolean failedBefore = false;
            try (PreparedStatement s = c.prepareStatement("SELECT kind, blocked_until FROM login_throttle "
                    + "WHERE account = ? AND address = ? AND kind IN ('" + ACCOUNT + "', '" + UNKNOWN + "')")) {
                s.setString(1, key(name));
                s.setString(2, address);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        failedBefore = true;
                        Timestamp until = rs.getTimestamp(2);
                        if (until != null && until.toInstant().isAfter(now)
                                && (blockedUntil == null || until.toInstant().isAfter(blockedUntil))) {
                            blockedUntil = until.toInstant();
                            blockingKind = rs.getString(1);
                        }
                    }
                }
            }
            if (blockedUntil == null) {
                return new Check(Optional.empty(), failedBefore);
            }
            countRefused(c, blockingKind, key(name), address, now);
            if (UNKNOWN.equals(blockingKind)) {
                countRefused(c, UNKNOWN_NAMES, "", address, now);
            }
            return new Check(Optional.of(Duration.between(now, blockedUntil)), true);
        });
    }

    /**
     * A login that failed (wrong password, unknown name, disabled account). The first failure of
     * a burst goes to the access log with {@code why}; after {@code free-failures} each failure
     * makes the next attempt from this address wait.
     *
     * @param known  whether an account of that name exists
     * @param remote the full client address, for the log
     */
    public void failed(String name, boolean known, String address, String remote, String why) {
        Instant now = clock.instant();
        inTransaction(c -> {
            String kind = known ? ACCOUNT : UNKNOWN;
            Row row = currentBurst(c, kind, key(name), address, now);
            if (row == null) {
                insert(c, kind, key(name), address, now, blockedUntil(now, 1));
                if (known) {
                    AccessLog.record(c, now, name, AccessLog.Action.LOGIN_FAILED, name, remote, why);
                }
            } else {
                update(c, row, row.failures() + 1, now, blockedUntil(now, row.failures() + 1));
            }
            if (!known) {
                Row all = currentBurst(c, UNKNOWN_NAMES, "", address, now);
                if (all == null) {
                    insert(c, UNKNOWN_NAMES, "", address, now, null);
                    AccessLog.record(c, now, name, AccessLog.Action.LOGIN_FAILED, name, remote, why);
                } else {
                    update(c, all, all.failures() + 1, now, null);
                }
            }
            return null;
        });
    }

    /**
     * The names (as {@link #check} keys them) and addresses that must wait now, by failures counted
     * on any instance: the catch-up of a {@link LoginGuard} whose notification was missed.
     */
    public List<Map.Entry<String, String>> blocked() {
        Instant now = clock.instant();
        return inTransaction(c -> {
            List<Map.Entry<String, String>> blocked = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT account, address FROM login_throttle WHERE kind = '"
                    + ACCOUNT + "' AND blocked_until > ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        blocked.add(Map.entry(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return blocked;
        });
    }

    /** A login that succeeded ends the burst of failures of that name from that address. */
    public void succeeded(String name, String address) {
        Instant now = clock.instant();
        inTransaction(c -> {
            Row row = lock(c, ACCOUNT, key(name), address);
            if (row != null) {
                endBurst(c, row, now);
            }
            return null;
        });
    }

    /** Ends every burst of an account, from every address (an admin reset its password). */
    public void clear(String name) {
        Instant now = clock.instant();
        inTransaction(c -> {
            List<String> addresses = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT address FROM login_throttle WHERE kind = '" + ACCOUNT + "' AND account = ?")) {
                s.setString(1, key(name));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        addresses.add(rs.getString(1));
                    }
                }
            }
            for (String address : addresses) {
                Row row = lock(c, ACCOUNT, key(name), address);
                if (row != null) {
                    endBurst(c, row, now);
                }
            }
            return null;
        });
    }

    /** Ends the bursts that have been quiet for {@code burst-ends-after}; returns how many. */
    public int sweep() {
        Instant now = clock.instant();
        Instant quietSince = now.minus(settings.burstEndsAfter());
        List<Row> quiet = inTransaction(c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT kind, account, address FROM login_throttle WHERE last_at <= ?")) {
                s.setTimestamp(1, Timestamp.from(quietSince));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), 0, 0, null, null, null));
                    }
                }
            }
            return rows;
        });
        int ended = 0;
        for (Row q : quiet) {
            // each in its own transaction, re-checked under the row lock: another instance may have ended it, or a new attempt revived it
            ended += inTransaction(c -> {
                Row row = lock(c, q.kind(), q.account(), q.address());
                if (row == null || row.lastAt().isAfter(quietSince)) {
                    return 0;
                }
                endBurst(c, row, now);
                return 1;
            });
        }
        return ended;
    }

    private Instant blockedUntil(Instant now, int failures) {
        if (failures < settings.freeFailures()) {
            return null;
        }
        int doublings = failures - settings.freeFailures();
        Duration delay = doublings >= 30 ? settings.maxDelay() : settings.firstDelay().multipliedBy(1L << doublings);
        return now.plus(delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay);
    }

    /** The row of a burst still going on, locked; a row whose burst has ended is written up and removed first. */
    private Row currentBurst(Connection c, String kind, String account, String address, Instant now) throws SQLException {
        Row row = lock(c, kind, account, address);
        if (row != null && !row.lastAt().plus(settings.burstEndsAfter()).isAfter(now)) {
            endBurst(c, row, now);
            return null;
        }
        return row;
    }

    /** One access-log row for a burst of more than one attempt (the first is logged already), then the row goes. */
    private static void endBurst(Connection c, Row row, Instant now) throws SQLException {
        if (row.attempts() > 1 && !row.kind().equals(UNKNOWN)) {
            String what = row.kind().equals(ACCOUNT) ? "failed logins" : "failed logins for account names that do not exist";
            String detail = "burst of " + row.attempts() + " " + what + " from " + row.address() + " (" + row.failures()
                    + " passwords checked, " + row.refused() + " turned away while throttled), first " + row.firstAt()
                    + ", last " + row.lastAt();
            AccessLog.record(c, now, SYSTEM, AccessLog.Action.LOGIN_FAILURES, row.account().isEmpty() ? null : row.account(),
                    row.address(), detail);
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM login_throttle WHERE kind = ? AND account = ? AND address = ?")) {
            s.setString(1, row.kind());
            s.setString(2, row.account());
            s.setString(3, row.address());
            s.executeUpdate();
        }
    }

    private static Row lock(Connection c, String kind, String account, String address) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT failures, refused, first_at, last_at, blocked_until FROM login_throttle "
                + "WHERE kind = ? AND account = ? AND address = ? FOR UPDATE")) {
            s.setString(1, kind);
            s.setString(2, account);
            s.setString(3, address);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Timestamp until = rs.getTimestamp(5);
                return new Row(kind, account, address, rs.getInt(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(), until == null ? null : until.toInstant());
            }
        }
    }

    private static void insert(Connection c, String kind, String account, String address, Instant now, Instant blockedUntil)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO login_throttle (kind, account, address, failures, refused, "
                + "first_at, last_at, blocked_until) VALUES (?, ?, ?, 1, 0, ?, ?, ?)")) {
            s.setString(1, kind);
            s.setString(2, account);
            s.setString(3, address);
            s.setTimestamp(4, Timestamp.from(now));
            s.setTimestamp(5, Timestamp.from(now));
            s.setTimestamp(6, blockedUntil == null ? null : Timestamp.from(blockedUntil));
            s.executeUpdate();
        }
    }

    private static void update(Connection c, Row row, int failures, Instant now, Instant blockedUntil) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE login_throttle SET failures = ?, last_at = ?, blocked_until = ? "
                + "WHERE kind = ? AND account = ? AND address = ?")) {
            s.setInt(1, failures);
            s.setTimestamp(2, Timestamp.from(now));
            s.setTimestamp(3, blockedUntil == null ? null : Timestamp.from(blockedUntil));
            s.setString(4, row.kind());
            s.setString(5, row.account());
            s.setString(6, row.address());
            s.executeUpdate();
        }
    }

    private static void countRefused(Connection c, String kind, String account, String address, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE login_throttle SET refused = refused + 1, last_at = ? "
                + "WHERE kind = ? AND account = ? AND address = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, kind);
            s.setString(3, account);
            s.setString(4, address);
            s.executeUpdate();
        }
    }

    /** Names as typed can be anything up to a header's length; 100 characters tell them apart well enough. */
    private static String key(String name) {
        return AccessLog.clip(name, 100);
    }

    /**
     * Runs {@code work} in one transaction. Two instances may insert the first row of the same
     * burst at once; the loser of that race runs again and finds the winner's row.
     */
    private <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                boolean race = "23505".equals(e.getSQLState()) || "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
                if (!race || attempt >= 3) {
                    throw new StoreUnavailableException("the login throttle could not be read or written", e);
                }
            }
        }
    }
}

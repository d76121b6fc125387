package io.triage.security;

import io.triage.common.StoreUnavailableException;
import io.triage.config.TriageConfig;
import io.triage.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web login's sessions, one database row each, so that every instance sees the same ones and
 * ending a session is deleting its row. The browser holds a random 256-bit token; the row holds
 * only its HMAC under the session key, so a copy of the table opens nothing. A session counts
 * while its account is enabled and still at the epoch it was opened under (a new password, new
 * roles or disabling moves the epoch), and until it has been idle or alive too long.
 */
@ApplicationScoped
public class WebSessions {

    /** How long a web login lasts, checked once. */
    record Lifetimes(Duration idle, Duration absolute) {
        Lifetimes {
            if (idle.isNegative() || idle.isZero()) {
                throw new IllegalArgumentException("triage.security.session-idle is " + idle + "; it must be positive");
            }
            if (absolute.compareTo(idle) < 0) {
                throw new IllegalArgumentException("triage.security.session-absolute (" + absolute
                        + ") is shorter than triage.security.session-idle (" + idle + ")");
            }
        }

        /** Writing the last activity on every page would be a write per click; this often is precise enough. */
        Duration touchEvery() {
            Duration tenth = idle.dividedBy(10);
            return tenth.compareTo(Duration.ofMinutes(1)) < 0 ? tenth : Duration.ofMinutes(1);
        }
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Lifetimes lifetimes;
    private final byte[] key;
    private final Clock clock;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    @Inject
    WebSessions(Database database, TriageConfig config) {
        // without a configured key (tests, dev mode; production refuses to start) sessions last as long as this process
        this(database.dataSource(), new Lifetimes(config.security().sessionIdle(), config.security().sessionAbsolute()),
                config.security().sessionKey().map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> RANDOM.generateSeed(32)),
                Clock.systemUTC());
    }

    WebSessions(DataSource dataSource, Lifetimes lifetimes, byte[] key, Clock clock) {
        this.dataSource = dataSource;
        this.lifetimes = lifetimes;
        this.key = key.clone();
        this.clock = clock;
    }

    /**
     * Opens a session for an account whose password was just checked at {@code epoch}.
     *
     * @return the token for the cookie; empty if the account changed since the check or is disabled
     */
    public Optional<String> open(String account, long epoch, String remote) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        // INVARIANT: a session is only ever opened at the account's current epoch; a password reset
        // that lands between the check and this insert makes it insert nothing.
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO web_sessions (token_digest, account, account_epoch, created_at, "
                     + "last_seen_at, remote) SELECT ?, name, epoch, ?, ?, ? FROM accounts WHERE name = ? AND epoch = ? AND enabled = TRUE")) {
            s.setString(1, digest(token));
            s.setTimestamp(2, Timestamp.from(now));
            s.setTimestamp(3, Timestamp.from(now));
            s.setString(4, remote == null || remote.length() <= 100 ? remote : remote.substring(0, 100));
            s.setString(5, account);
            s.setLong(6, epoch);
            return s.executeUpdate() == 1 ? Optional.of(token) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the session could not be stored", e);
        }
    }

    /** The account of a live session, with its current roles; empty if the token names no live session. */
    public Optional<LoginGuard.Identity> check(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        String digest = digest(token);
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            LoginGuard.Identity identity;
            Instant lastSeen;
            try (PreparedStatement s = c.prepareStatement("SELECT s.account, s.created_at, s.last_seen_at, a.roles, a.epoch "
                    + "FROM web_sessions s JOIN accounts a ON a.name = s.account "
                    + "WHERE s.token_digest = ? AND a.enabled = TRUE AND a.epoch = s.account_epoch")) {
                s.setString(1, digest);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Instant created = rs.getTimestamp(2).toInstant();
                    lastSeen = rs.getTimestamp(3).toInstant();
                    if (!now.isBefore(created.plus(lifetimes.absolute())) || !now.isBefore(lastSeen.plus(lifetimes.idle()))) {
                        delete(c, "DELETE FROM web_sessions WHERE token_digest = ?", digest);
                        return Optional.empty();
                    }
                    identity = new LoginGuard.Identity(rs.getString(1), Arrays.asList(rs.getString(4).split(",")), rs.getLong(5));
                }
            }
            if (!now.isBefore(lastSeen.plus(lifetimes.touchEvery()))) {
                try (PreparedStatement s = c.prepareStatement("UPDATE web_sessions SET last_seen_at = ? WHERE token_digest = ?")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setString(2, digest);
                    s.executeUpdate();
                }
            }
            return Optional.of(identity);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the session could not be read", e);
        }
    }

    /** Ends one session (a browser logging in afresh). */
    public void end(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            delete(c, "DELETE FROM web_sessions WHERE token_digest = ?", digest(token));
        } catch (SQLException e) {
            throw new StoreUnavailableException("the session could not be ended", e);
        }
    }

    /** Ends every session of an account, on every instance (they all read this table). */
    public int endAll(String account) {
        try (Connection c = dataSource.getConnection()) {
            return delete(c, "DELETE FROM web_sessions WHERE account = ?", account);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the sessions could not be ended", e);
        }
    }

    /** Removes sessions that can no longer be used (expired, or their account changed); returns how many. */
    public int sweep() {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM web_sessions WHERE last_seen_at <= ? OR created_at <= ? "
                     + "OR NOT EXISTS (SELECT 1 FROM accounts a WHERE a.name = web_sessions.account AND a.enabled = TRUE "
                     + "AND a.epoch = web_sessions.account_epoch)")) {
            s.setTimestamp(1, Timestamp.from(now.minus(lifetimes.idle())));
            s.setTimestamp(2, Timestamp.from(now.minus(lifetimes.absolute())));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("expired sessions could not be removed", e);
        }
    }

    private static int delete(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            return s.executeUpdate();
        }
    }

    private String digest(String token) {
        return HexFormat.of().formatHex(macs.get().doFinal(token.getBytes(StandardCharsets.US_ASCII)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no HmacSHA256", e);
        }
    }
}

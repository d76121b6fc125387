package io.triage.security;

import io.triage.common.StoreUnavailableException;
import io.triage.store.ClusterLock;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts in the same database as the decision log. Accounts are never deleted, only disabled.
 * Every change that must end the account's sessions and remembered passwords adds one to its epoch.
 */
@ApplicationScoped
public class AccountStore {

    private static final String COLUMNS = "SELECT name, password_hash, roles, enabled, created_at, created_by, changed_at, epoch";

    private final DataSource dataSource;

    @Inject
    AccountStore(Database database) {
        this(database.dataSource());
    }

    AccountStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Account> find(String name) {
        return query(COLUMNS + " FROM accounts WHERE name = ?",
                name).stream().findFirst();
    }

    public List<Account> list() {
        return query(COLUMNS + " FROM accounts ORDER BY name", null);
    }

    public long count() {
        try (Connection c = dataSource.getConnection()) {
            return count(c);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the accounts could not be read", e);
        }
    }

    private static long count(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM accounts");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** @return false if an account of that name exists already */
    public boolean create(Account account) {
        try (Connection c = dataSource.getConnection()) {
            insert(c, account);
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw new StoreUnavailableException("the account could not be stored", e);
        }
    }

    /**
     * Creates the first accounts if there are none at all: of several instances starting at once on
     * one database, exactly one does. {@code beforeCommit} runs once the rows are written and
     * before they are committed; if it throws, nothing is created.
     *
     * @return whether this call created them (false: there were accounts already)
     */
    public boolean createFirst(List<Account> first, Runnable beforeCommit) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // INVARIANT: the "no accounts yet" check and the creation happen under one lock, in one transaction
                ClusterLock.FIRST_START.hold(c);
                if (count(c) > 0) {
                    c.rollback();
                    return false;
                }
                for (Account account : first) {
                    insert(c, account);
                }
                beforeCommit.run();
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the first accounts could not be stored", e);
        }
    }

    private static void insert(Connection c, Account account) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO accounts (name, password_hash, roles, enabled, created_at, "
                + "created_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, account.name());
            s.setString(2, account.passwordHash());
            s.setString(3, String.join(",", account.roles()));
            s.setBoolean(4, account.enabled());
            s.setTimestamp(5, Timestamp.from(account.createdAt()));
            s.setString(6, account.createdBy());
            s.setTimestamp(7, Timestamp.from(account.changedAt()));
            s.executeUpdate();
        }
    }

    public boolean setEnabled(String name, boolean enabled) {
        return update("UPDATE accounts SET enabled = ?, changed_at = ?, epoch = epoch + 1 WHERE name = ?", enabled, name);
    }

    public boolean setPasswordHash(String name, String hash) {
        return update("UPDATE accounts SET password_hash = ?, changed_at = ?, epoch = epoch + 1 WHERE name = ?", hash, name);
    }

    public boolean setRoles(String name, List<String> roles) {
        return update("UPDATE accounts SET roles = ?, changed_at = ?, epoch = epoch + 1 WHERE name = ?", String.join(",", roles), name);
    }

    /** Every account's epoch, enabled or not: what a remembered password is checked against. */
    public Map<String, Long> epochs() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT name, epoch, enabled FROM accounts");
             ResultSet rs = s.executeQuery()) {
            Map<String, Long> epochs = new HashMap<>();
            while (rs.next()) {
                // a disabled account has no valid epoch: nothing of it may be remembered
                epochs.put(rs.getString(1), rs.getBoolean(3) ? rs.getLong(2) : -1L);
            }
            return epochs;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the accounts could not be read", e);
        }
    }

    private boolean update(String sql, Object value, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, value);
            s.setTimestamp(2, Timestamp.from(Instant.now()));
            s.setString(3, name);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the account could not be changed", e);
        }
    }

    private List<Account> query(String sql, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (name != null) {
                s.setString(1, name);
            }
            List<Account> accounts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    accounts.add(new Account(rs.getString(1), rs.getString(2), Arrays.asList(rs.getString(3).split(",")),
                            rs.getBoolean(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getLong(8)));
                }
            }
            return accounts;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the accounts could not be read", e);
        }
    }
}

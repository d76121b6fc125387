package io.triage.security;

import io.triage.cluster.ClusterEvents;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What admins do with accounts (add, disable, enable, reset a password, change roles) and what
 * everyone does with their own (change the password, log out). Every change is logged. A change
 * of password, roles or enabled state ends every web session of the account and every remembered
 * password of it, on every instance: the account's epoch moves in the database, its session rows
 * go, and {@link LoginGuard#ACCOUNT_CHANGED} tells the other instances to forget.
 */
@ApplicationScoped
public class AccountService {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

    /** A new or reset password, shown once to the admin who asked for it. */
    public record Issued(String name, List<String> roles, String password) {
    }

    /** An account as admins see it: everything but the hash. */
    public record View(String name, List<String> roles, boolean enabled, Instant createdAt, String createdBy, Instant changedAt) {
        static View of(Account a) {
            return new View(a.name(), a.roles(), a.enabled(), a.createdAt(), a.createdBy(), a.changedAt());
        }
    }

    private final AccountStore accounts;
    private final AccessLog accessLog;
    private final WebSessions sessions;
    private final LoginThrottle throttle;
    private final ClusterEvents events;

    AccountService(AccountStore accounts, AccessLog accessLog, WebSessions sessions, LoginThrottle throttle, ClusterEvents events) {
        this.accounts = accounts;
        this.accessLog = accessLog;
        this.sessions = sessions;
        this.throttle = throttle;
        this.events = events;
    }

    /** Whether an account could have this name; other names are not even looked up. */
    static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public List<View> list() {
        return accounts.list().stream().map(View::of).toList();
    }

    /** @param password null to generate one */
    public Issued create(String admin, String remote, String name, List<String> roles, String password) {
        List<InputError> errors = new ArrayList<>();
        if (!validName(name)) {
            errors.add(InputError.field("name", "invalid_name", "'" + name + "' is not a valid account name: 2 to 64 "
                    + "lower-case letters, digits, '.', '_' or '-', starting with a letter"));
        }
        List<String> cleanRoles = checkRoles(roles, errors);
        checkPassword("password", password, name, errors);
        if (errors.isEmpty() && accounts.find(name).isPresent()) {
            // said before hashing: bcrypt is the expensive part, and the insert below still catches a race
            errors.add(InputError.field("name", "exists", "an account named '" + name + "' exists already"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid account", errors);
        }
        String secret = password == null ? Passwords.generate() : password;
        Instant now = Instant.now();
        if (!accounts.create(new Account(name, Passwords.hash(secret), cleanRoles, true, now, admin, now))) {
            throw new InvalidInputException("invalid account", List.of(InputError.field("name", "exists",
                    "an account named '" + name + "' exists already")));
        }
        accessLog.record(admin, AccessLog.Action.ACCOUNT_CREATED, name, remote, "roles " + String.join(",", cleanRoles));
        return new Issued(name, cleanRoles, secret);
    }

    public View setEnabled(String admin, String remote, String name, boolean enabled) {
        Account account = accounts.find(name).orElseThrow(() -> new NotFoundException("no account " + name));
        if (!enabled && account.roles().contains(Roles.ADMIN) && account.enabled() && enabledAdmins() == 1) {
            throw new InvalidInputException("refused", List.of(InputError.field("name", "last_admin",
                    "'" + name + "' is the last enabled admin; enable another admin first")));
        }
        accounts.setEnabled(name, enabled);
        changed(name);
        accessLog.record(admin, enabled ? AccessLog.Action.ACCOUNT_ENABLED : AccessLog.Action.ACCOUNT_DISABLED, name, remote, null);
        return View.of(accounts.find(name).orElseThrow());
    }

    /** @param password null to generate one */
    public Issued resetPassword(String admin, String remote, String name, String password) {
        Account account = accounts.find(name).orElseThrow(() -> new NotFoundException("no account " + name));
        List<InputError> errors = new ArrayList<>();
        checkPassword("password", password, name, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid password", errors);
        }
        String secret = password == null ? Passwords.generate() : password;
        accounts.setPasswordHash(name, Passwords.hash(secret));
        changed(name);
        throttle.clear(name);
        accessLog.record(admin, AccessLog.Action.PASSWORD_RESET, name, remote, null);
        return new Issued(name, account.roles(), secret);
    }

    /** Anyone may change their own password, given the current one. */
    public void changeOwnPassword(String name, String remote, String current, String next) {
        Account account = accounts.find(name).orElseThrow(() -> new NotFoundException("no account " + name));
        List<InputError> errors = new ArrayList<>();
        if (current == null || !Passwords.matches(current, account.passwordHash())) {
            errors.add(InputError.field("current", "wrong_password", "the current password is not right"));
        }
        if (next == null) {
            errors.add(InputError.field("new", "required", "give the new password"));
        } else {
            checkPassword("new", next, name, errors);
            if (next.equals(current)) {
                errors.add(InputError.field("new", "unchanged", "the new password is the current one"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("password not changed", errors);
        }
        accounts.setPasswordHash(name, Passwords.hash(next));
        changed(name);
        accessLog.record(name, AccessLog.Action.PASSWORD_CHANGED, name, remote, null);
    }

    public View setRoles(String admin, String remote, String name, List<String> roles) {
        Account account = accounts.find(name).orElseThrow(() -> new NotFoundException("no account " + name));
        List<InputError> errors = new ArrayList<>();
        List<String> cleanRoles = checkRoles(roles, errors);
        if (errors.isEmpty() && account.enabled() && account.roles().contains(Roles.ADMIN) && !cleanRoles.contains(Roles.ADMIN)
                && enabledAdmins() == 1) {
            errors.add(InputError.field("roles", "last_admin", "'" + name + "' is the last enabled admin; make another account "
                    + "an admin first"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("roles not changed", errors);
        }
        if (!cleanRoles.equals(account.roles())) {
            accounts.setRoles(name, cleanRoles);
            changed(name);
            accessLog.record(admin, AccessLog.Action.ROLES_CHANGED, name, remote,
                    "roles " + String.join(",", account.roles()) + " -> " + String.join(",", cleanRoles));
        }
        return View.of(accounts.find(name).orElseThrow());
    }

    /** Logging out of the web pages ends every web session of the account, in every browser and on every instance. */
    public void logOut(String name, String remote) {
        sessions.endAll(name);
        accessLog.record(name, AccessLog.Action.LOGOUT, name, remote, null);
    }

    /** The account's epoch has moved: its sessions and remembered passwords end everywhere. */
    private void changed(String name) {
        // the epoch alone already refuses the sessions; removing the rows just keeps the table small
        sessions.endAll(name);
        events.publish(LoginGuard.ACCOUNT_CHANGED, name);
    }

    private long enabledAdmins() {
        return accounts.list().stream().filter(a -> a.enabled() && a.roles().contains(Roles.ADMIN)).count();
    }

    private static List<String> checkRoles(List<String> roles, List<InputError> errors) {
        if (roles == null || roles.isEmpty()) {
            errors.add(InputError.field("roles", "required", "give at least one role: " + String.join(", ", Roles.ALL)));
            return List.of();
        }
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                errors.add(InputError.field("roles", "unknown_role", "'" + role + "' is not a role; use " + String.join(", ", Roles.ALL)));
            }
            clean.add(role);
        }
        return List.copyOf(clean);
    }

    /** A chosen password (null: one is generated) against the rules in {@link Passwords}. */
    private static void checkPassword(String field, String password, String accountName, List<InputError> errors) {
        if (password != null) {
            Passwords.check(field, password, accountName, errors);
        }
    }
}

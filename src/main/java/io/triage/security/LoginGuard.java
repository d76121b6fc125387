package io.triage.security;

import io.quarkus.security.AuthenticationFailedException;
import io.triage.config.TriageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a name and password: locks an account after repeated wrong passwords, remembers a
 * verified password for a short while (as an HMAC under a key that lives only in this process)
 * so HTTP Basic does not pay for bcrypt on every request, and records logins, failures and
 * lockouts in the access log. Unknown names cost the same bcrypt check as known ones.
 */
@ApplicationScoped
public class LoginGuard {

    /** Who logged in, with which roles. */
    public record Identity(String name, List<String> roles) {
    }

    private record Remembered(byte[] digest, List<String> roles, Instant until) {
    }

    private record Failures(int count, Instant lockedUntil) {
    }

    private static final int MAX_TRACKED = 10_000;
    // A real bcrypt hash of a random password, checked when the name is unknown so that timing
    // does not tell which names exist.
    private static final String DECOY_HASH = Passwords.hash(Passwords.generate());
    /** A login from the same account and address within this time is not logged again. */
    private static final Duration LOGIN_LOG_INTERVAL = Duration.ofMinutes(15);

    private final AccountStore accounts;
    private final AccessLog accessLog;
    private final int maxFailures;
    private final Duration lockout;
    private final Duration remember;
    private final Clock clock;
    private final byte[] cacheKey = new SecureRandom().generateSeed(32);
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final Map<String, Remembered> remembered = bounded();
    private final Map<String, Failures> failures = bounded();
    private final Map<String, Instant> lastLogged = bounded();

    @Inject
    LoginGuard(AccountStore accounts, AccessLog accessLog, TriageConfig config) {
        this(accounts, accessLog, config.security().maxFailedLogins(), config.security().lockout(),
                config.security().credentialCache(), Clock.systemUTC());
    }

    LoginGuard(AccountStore accounts, AccessLog accessLog, int maxFailures, Duration lockout, Duration remember, Clock clock) {
        this.accounts = accounts;
        this.accessLog = accessLog;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.remember = remember;
        this.clock = clock;
    }

    /**
     * The identity for a name and password verified within the last few minutes, checked in memory
     * only (no database, no bcrypt), so it can run on an I/O thread; empty when the full check in
     * {@link #authenticate} is needed (unknown, expired, locked or a different password).
     */
    public java.util.Optional<Identity> remembered(String name, String password) {
        Instant now = clock.instant();
        synchronized (failures) {
            Failures failed = failures.get(name);
            if (failed != null && failed.lockedUntil() != null && now.isBefore(failed.lockedUntil())) {
                return java.util.Optional.empty();
            }
        }
        Remembered known;
        synchronized (remembered) {
            known = remembered.get(name);
        }
        if (known != null && now.isBefore(known.until()) && MessageDigest.isEqual(known.digest(), digest(name, password))) {
            return java.util.Optional.of(new Identity(name, known.roles()));
        }
        return java.util.Optional.empty();
    }

    /**
     * @throws AuthenticationFailedException for a wrong password, an unknown name or a disabled account;
     *                                       caused by {@link AccountLockedException} while the account is
     *                                       locked, even with the right password
     */
    public Identity authenticate(String name, String password, String remote) {
        Instant now = clock.instant();
        Failures failed;
        synchronized (failures) {
            failed = failures.get(name);
        }
        if (failed != null && failed.lockedUntil() != null && now.isBefore(failed.lockedUntil())) {
            accessLog.record(name, AccessLog.Action.LOGIN_REFUSED_LOCKED, name, remote, null);
            throw new AuthenticationFailedException(new AccountLockedException(Duration.between(now, failed.lockedUntil())));
        }
        byte[] digest = digest(name, password);
        Remembered known;
        synchronized (remembered) {
            known = remembered.get(name);
        }
        if (known != null && now.isBefore(known.until()) && MessageDigest.isEqual(known.digest(), digest)) {
            return new Identity(name, known.roles());
        }
        Account account = accounts.find(name).orElse(null);
        boolean passwordOk = Passwords.matches(password, account == null ? DECOY_HASH : account.passwordHash());
        if (account == null || !passwordOk || !account.enabled()) {
            String why = account == null ? "unknown account" : !passwordOk ? "wrong password" : "account disabled";
            fail(name, remote, why, now);
            throw new AuthenticationFailedException(why);
        }
        synchronized (failures) {
            failures.remove(name);
        }
        synchronized (remembered) {
            remembered.put(name, new Remembered(digest, account.roles(), now.plus(remember)));
        }
        logLogin(name, remote, now);
        return new Identity(name, account.roles());
    }

    /** Forgets what is remembered of an account, so a change (disable, new password) takes effect now. */
    public void forget(String name) {
        synchronized (remembered) {
            remembered.remove(name);
        }
    }

    /** Unlocks an account and clears its failures (after a password reset by an admin). */
    public void unlock(String name) {
        synchronized (failures) {
            failures.remove(name);
        }
    }

    private void fail(String name, String remote, String why, Instant now) {
        Failures next;
        synchronized (failures) {
            Failures before = failures.get(name);
            int count = before == null || before.lockedUntil() != null ? 1 : before.count() + 1;
            next = count >= maxFailures ? new Failures(count, now.plus(lockout)) : new Failures(count, null);
            failures.put(name, next);
        }
        accessLog.record(name, AccessLog.Action.LOGIN_FAILED, name, remote, why);
        if (next.lockedUntil() != null) {
            accessLog.record("system", AccessLog.Action.LOCKED_OUT, name, remote,
                    next.count() + " wrong passwords in a row; locked until " + next.lockedUntil());
        }
    }

    private void logLogin(String name, String remote, Instant now) {
        String key = name + "@" + remote;
        synchronized (lastLogged) {
            Instant last = lastLogged.get(key);
            if (last != null && now.isBefore(last.plus(LOGIN_LOG_INTERVAL))) {
                return;
            }
            lastLogged.put(key, now);
        }
        accessLog.record(name, AccessLog.Action.LOGIN, name, remote, null);
    }

    private byte[] digest(String name, String password) {
        Mac mac = macs.get();
        mac.update(name.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no HmacSHA256", e);
        }
    }

    /** A map that forgets its oldest entries, so guessing random names cannot exhaust memory. */
    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }
}

package io.triage.security;

import io.quarkus.security.AuthenticationFailedException;
import io.triage.cluster.ClusterEvents;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks a name and password: asks {@link LoginThrottle} first (a throttled attempt is refused
 * without looking at the password), remembers a verified password for a short while (as an HMAC
 * under a key that lives only in this process, per account and client address) so HTTP Basic does
 * not pay for bcrypt on every request, and records logins in the access log. Unknown names cost
 * the same bcrypt check as known ones.
 * <p>
 * What is remembered is forgotten on every instance when the account changes
 * ({@link #ACCOUNT_CHANGED}, published by {@link AccountService}); should that notification be
 * missed, the catch-up compares every remembered entry with the account's epoch in the database.
 */
@ApplicationScoped
public class LoginGuard {

    /** Event topic: the payload is the name of an account whose password, roles or enabled state changed. */
    public static final String ACCOUNT_CHANGED = "account.changed";
    /**
     * Event topic: a login of an existing account failed; the payload is the name and the throttle
     * address, separated by a line break. Every instance forgets that password from that address, so
     * the next attempt there meets the throttle, as it would on the instance that counted the failure.
     */
    public static final String LOGIN_FAILED = "login.failed";

    /** Who logged in, with which roles, at which epoch of the account. */
    public record Identity(String name, List<String> roles, long epoch) {
    }

    private record Remembered(String name, String remote, byte[] digest, List<String> roles, long epoch, Instant until) {
    }

    private static final int MAX_TRACKED = 10_000;
    // A real bcrypt hash of a random password, checked when the name is unknown so that timing
    // does not tell which names exist.
    private static final String DECOY_HASH = Passwords.hash(Passwords.generate());
    /** A login from the same account and address within this time is not logged again. */
    private static final Duration LOGIN_LOG_INTERVAL = Duration.ofMinutes(15);
    /** How long a request waits for the same check running for another before it checks on its own. */
    private static final Duration CHECK_WAIT = Duration.ofSeconds(5);

    private final AccountStore accounts;
    private final AccessLog accessLog;
    private final LoginThrottle throttle;
    private final ClusterEvents events;
    private final Duration remember;
    private final Clock clock;
    private final byte[] cacheKey = new SecureRandom().generateSeed(32);
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final Map<String, Remembered> remembered = bounded();
    private final Map<String, Instant> lastLogged = bounded();
    /** The full checks running now, by name, address and password digest (see {@link #checkOnce}). */
    private final Map<String, CompletableFuture<Void>> checking = new ConcurrentHashMap<>();

    @Inject
    LoginGuard(AccountStore accounts, AccessLog accessLog, LoginThrottle throttle, ClusterEvents events, TriageConfig config) {
        this(accounts, accessLog, throttle, events, config.security().credentialCache(), Clock.systemUTC());
    }

    LoginGuard(AccountStore accounts, AccessLog accessLog, LoginThrottle throttle, ClusterEvents events, Duration remember, Clock clock) {
        this.accounts = accounts;
        this.accessLog = accessLog;
        this.throttle = throttle;
        this.remember = remember;
        this.clock = clock;
        this.events = events;
        events.subscribe(ACCOUNT_CHANGED, this::forget, this::catchUp);
        events.subscribe(LOGIN_FAILED, this::forgetFailed, this::catchUpThrottle);
    }

    /**
     * The identity for a name and password verified from this address within the last few minutes,
     * checked in memory only (no database, no bcrypt), so it can run on an I/O thread; empty when
     * the full check in {@link #authenticate} is needed.
     */
    public Optional<Identity> remembered(String name, String password, String remote) {
        Remembered known;
        synchronized (remembered) {
            known = remembered.get(key(name, remote));
        }
        if (known != null && clock.instant().isBefore(known.until()) && MessageDigest.isEqual(known.digest(), digest(name, password))) {
            return Optional.of(new Identity(name, known.roles(), known.epoch()));
        }
        return Optional.empty();
    }

    /**
     * The full check (HTTP Basic): throttle, then a remembered password, then bcrypt.
     *
     * @throws AuthenticationFailedException for a wrong password, an unknown name or a disabled account;
     *                                       caused by a {@link LoginRefusedException} when throttled or disabled
     */
    public Identity authenticate(String name, String password, String remote) {
        return check(name, password, remote, true);
    }

    /** As {@link #authenticate}, but always against the stored hash (the web login, which opens a session at the account's epoch). */
    public Identity verify(String name, String password, String remote) {
        return check(name, password, remote, false);
    }

    private Identity check(String name, String password, String remote, boolean mayRemember) {
        String address = ClientAddress.throttleKey(remote);
        LoginThrottle.Check allowed = throttle.check(name, address);
        if (allowed.retryAfter().isPresent()) {
            forget(name, remote);
            throw new AuthenticationFailedException(LoginRefusedException.throttled(allowed.retryAfter().get()));
        }
        Instant now = clock.instant();
        byte[] digest = digest(name, password);
        if (mayRemember) {
            Optional<Identity> known = remembered(name, password, remote);
            if (known.isPresent()) {
                return known.get();
            }
            return checkOnce(name, password, remote, digest, address, allowed, now);
        }
        return checkStored(name, password, remote, digest, address, allowed, now);
    }

    /**
     * When a remembered password expires, every request in flight on that connection pool arrives
     * here at once; each running bcrypt (a quarter of a second of CPU) stalled the service for
     * seconds. So one request per name, address and password checks; the others wait for it and
     * take what it remembered. If it failed, each then checks (and is counted) on its own.
     */
    private Identity checkOnce(String name, String password, String remote, byte[] digest, String address,
                               LoginThrottle.Check allowed, Instant now) {
        String flight = key(name, remote) + "\n" + HexFormat.of().formatHex(digest);
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = checking.putIfAbsent(flight, mine);
        if (running != null) {
            try {
                running.get(CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuthenticationFailedException("interrupted");
            } catch (ExecutionException | TimeoutException e) {
                // the other check failed or is slow: this request checks for itself
            }
            Optional<Identity> known = remembered(name, password, remote);
            if (known.isPresent()) {
                return known.get();
            }
            return checkStored(name, password, remote, digest, address, allowed, now);
        }
        try {
            return checkStored(name, password, remote, digest, address, allowed, now);
        } finally {
            checking.remove(flight, mine);
            mine.complete(null);
        }
    }

    private Identity checkStored(String name, String password, String remote, byte[] digest, String address,
                                 LoginThrottle.Check allowed, Instant now) {
        Account account = AccountService.validName(name) ? accounts.find(name).orElse(null) : null;
        boolean passwordOk = Passwords.matches(password, account == null ? DECOY_HASH : account.passwordHash());
        if (account == null || !passwordOk || !account.enabled()) {
            String why = account == null ? "unknown account" : !passwordOk ? "wrong password" : "account disabled";
            forget(name, remote);
            throttle.failed(name, account != null, address, remote, why);
            if (account != null) {
                // INVARIANT: a failure counted here makes the next attempt from that address meet the throttle on every instance
                events.publish(LOGIN_FAILED, name + "\n" + address);
            }
            throw account != null && passwordOk ? new AuthenticationFailedException(LoginRefusedException.disabled())
                    : new AuthenticationFailedException(why);
        }
        if (allowed.failedBefore()) {
            throttle.succeeded(name, address);
        }
        synchronized (remembered) {
            remembered.put(key(name, remote), new Remembered(name, remote, digest, account.roles(), account.epoch(), now.plus(remember)));
        }
        logLogin(name, remote, now);
        return new Identity(name, account.roles(), account.epoch());
    }

    /** Forgets what is remembered of an account, so a change (disable, new password, new roles) takes effect now. */
    public void forget(String name) {
        synchronized (remembered) {
            remembered.values().removeIf(r -> r.name().equals(name));
        }
    }

    /** Drops every remembered password whose account has moved on since (the fallback for a missed event). */
    void catchUp() {
        Map<String, Long> epochs = accounts.epochs();
        synchronized (remembered) {
            remembered.values().removeIf(r -> !Long.valueOf(r.epoch()).equals(epochs.get(r.name())));
        }
    }

    /** Another instance counted a failed login: forget that name's password as remembered from that address. */
    private void forgetFailed(String payload) {
        int cut = payload.indexOf('\n');
        if (cut > 0) {
            forgetFrom(payload.substring(0, cut), payload.substring(cut + 1));
        }
    }

    /** Forgets the passwords remembered from every name and address that must wait now (the fallback for a missed event). */
    void catchUpThrottle() {
        for (Map.Entry<String, String> blocked : throttle.blocked()) {
            forgetFrom(blocked.getKey(), blocked.getValue());
        }
    }

    private void forgetFrom(String name, String throttleAddress) {
        synchronized (remembered) {
            remembered.values().removeIf(r -> r.name().equals(name) && throttleAddress.equals(ClientAddress.throttleKey(r.remote())));
        }
    }

    private void forget(String name, String remote) {
        synchronized (remembered) {
            remembered.remove(key(name, remote));
        }
    }

    private void logLogin(String name, String remote, Instant now) {
        String key = key(name, remote);
        synchronized (lastLogged) {
            Instant last = lastLogged.get(key);
            if (last != null && now.isBefore(last.plus(LOGIN_LOG_INTERVAL))) {
                return;
            }
            lastLogged.put(key, now);
        }
        accessLog.record(name, AccessLog.Action.LOGIN, name, remote, null);
    }

    private static String key(String name, String remote) {
        return name + "\u0000" + remote;
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

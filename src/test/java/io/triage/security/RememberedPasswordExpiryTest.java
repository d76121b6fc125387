package io.triage.security;

import io.triage.cluster.ClusterEvents;
import io.triage.testing.MutableClock;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What HTTP Basic clients meet when a remembered password expires: every connection of a busy
 * client arrives at the same moment. Before, each ran its own bcrypt check (a quarter of a second
 * of CPU) and the service stalled for seconds every five minutes (the soak showed p99 of 6.4 s in
 * those minutes). Now one request checks and the others use its answer; a wrong password is still
 * checked, and counted, for every request.
 */
class RememberedPasswordExpiryTest {

    private static final int CLIENTS = 8;

    private final JdbcConnectionPool db = JdbcConnectionPool.create(
            "jdbc:h2:mem:guard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "triage", "");
    private final AtomicInteger storedChecks = new AtomicInteger();
    private final MutableClock clock = new MutableClock();
    private final LoginGuard guard;

    RememberedPasswordExpiryTest() {
        Flyway.configure().dataSource(db).locations("classpath:db/h2").load().migrate();
        AccountStore accounts = new AccountStore(db) {
            @Override
            public Optional<Account> find(String name) {
                storedChecks.incrementAndGet();
                return super.find(name);
            }
        };
        Instant now = Instant.now();
        accounts.create(new Account("presales-1", Passwords.hash("the right passphrase"), List.of(Roles.PRESALES), true,
                now, "test", now));
        LoginThrottle throttle = new LoginThrottle(db, new LoginThrottle.Settings(1_000, Duration.ofSeconds(1),
                Duration.ofMinutes(15), Duration.ofMinutes(30)), clock);
        guard = new LoginGuard(accounts, new AccessLog(db), throttle, ClusterEvents.alone(), Duration.ofMinutes(5), clock);
    }

    @AfterEach
    void close() {
        db.dispose();
    }

    @Test
    void whenTheRememberedPasswordExpiresOneRequestChecksItForAllWaiting() throws Exception {
        guard.authenticate("presales-1", "the right passphrase", "10.0.0.5");
        assertThat(guard.remembered("presales-1", "the right passphrase", "10.0.0.5")).isPresent();
        clock.advance(Duration.ofMinutes(6));
        assertThat(guard.remembered("presales-1", "the right passphrase", "10.0.0.5")).isEmpty();
        storedChecks.set(0);

        List<Object> outcomes = allAtOnce("the right passphrase");

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(LoginGuard.Identity.class));
        assertThat(storedChecks.get()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordSentByManyIsCheckedForEachOfThem() throws Exception {
        List<Object> outcomes = allAtOnce("a wrong guess");

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(RuntimeException.class));
        assertThat(storedChecks.get()).isEqualTo(CLIENTS);
    }

    private List<Object> allAtOnce(String password) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            results.add(clients.submit(() -> {
                start.await();
                try {
                    return guard.authenticate("presales-1", password, "10.0.0.5");
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        start.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : results) {
            outcomes.add(f.get());
        }
        clients.shutdown();
        return outcomes;
    }
}

package io.triage.security;

import io.triage.testing.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances starting at once on one empty PostgreSQL database: each has its own
 * connections and its own set of first accounts; exactly one set is created, and only the instance
 * that created it writes a credentials file.
 */
class FirstAccountsRaceTest {

    private static PGSimpleDataSource db(String url, String applicationName) {
        return LocalPostgres.get().dataSource(url, applicationName);
    }

    @Test
    void ofFourInstancesStartingAtOnceExactlyOneCreatesTheFirstAccounts() throws Exception {
        String url = LocalPostgres.get().createDatabase("first_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        Flyway.configure().dataSource(db(url, "migrate")).locations("classpath:db/postgresql").load().migrate();
        int instances = 4;
        CountDownLatch together = new CountDownLatch(instances);
        AtomicInteger filesWritten = new AtomicInteger();
        ExecutorService starts = Executors.newFixedThreadPool(instances);
        List<Future<Boolean>> created = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            AccountStore store = new AccountStore(db(url, "instance-" + i));
            String hash = "hash-of-instance-" + i;
            created.add(starts.submit(() -> {
                Instant now = Instant.now();
                List<Account> first = Roles.ALL.stream()
                        .map(role -> new Account(role, hash, List.of(role), true, now, "first-start", now)).toList();
                together.countDown();
                together.await();
                return store.createFirst(first, () -> {
                    filesWritten.incrementAndGet();
                    sleep(200); // a slow disk: the others must still wait for this one
                });
            }));
        }
        int creators = 0;
        for (Future<Boolean> f : created) {
            creators += f.get() ? 1 : 0;
        }
        starts.shutdown();

        assertThat(creators).isEqualTo(1);
        assertThat(filesWritten).hasValue(1);
        List<Account> accounts = new AccountStore(db(url, "check")).list();
        assertThat(accounts).extracting(Account::name).containsExactlyInAnyOrderElementsOf(Roles.ALL);
        assertThat(accounts).extracting(Account::passwordHash).as("all from one instance").containsOnly(accounts.get(0).passwordHash());
    }

    @Test
    void aCredentialsFileThatCannotBeWrittenCreatesNothing() {
        String url = LocalPostgres.get().createDatabase("first_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        Flyway.configure().dataSource(db(url, "migrate")).locations("classpath:db/postgresql").load().migrate();
        AccountStore store = new AccountStore(db(url, "instance"));
        Instant now = Instant.now();
        List<Account> first = List.of(new Account("admin", "hash", List.of("admin"), true, now, "first-start", now));
        try {
            store.createFirst(first, () -> {
                throw new IllegalStateException("disk full");
            });
        } catch (IllegalStateException expected) {
            // the start fails
        }
        assertThat(store.count()).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

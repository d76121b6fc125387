package io.triage.cluster;

import io.triage.testing.LocalPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances' event channels on a real PostgreSQL server: what one publishes the other hears
 * within a second (by NOTIFY: its poll interval here is a minute), and an instance whose listening
 * connection is killed reconnects and catches up by itself.
 */
class ClusterEventsOnPostgresTest {

    private static String url;
    private final List<ClusterEvents> started = new ArrayList<>();

    private static synchronized PGSimpleDataSource db(String applicationName) {
        LocalPostgres pg = LocalPostgres.get();
        if (url == null) {
            url = pg.createDatabase("events_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        }
        return pg.dataSource(url, applicationName);
    }

    private ClusterEvents instance(String name) {
        PGSimpleDataSource listening = db(name);
        ClusterEvents events = ClusterEvents.overPostgres(db(name + "-send"), listening::getConnection, Duration.ofMinutes(1));
        started.add(events);
        return events;
    }

    @AfterEach
    void stop() {
        started.forEach(ClusterEvents::stop);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, Duration.ofSeconds(1), condition);
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + limit);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void whatOneInstancePublishesTheOtherHearsWithinASecondAndThePublisherExactlyOnce() throws InterruptedException {
        ClusterEvents a = instance("events-a");
        ClusterEvents b = instance("events-b");
        List<String> heardByA = new CopyOnWriteArrayList<>();
        List<String> heardByB = new CopyOnWriteArrayList<>();
        a.subscribe("ruleset.activated", heardByA::add);
        b.subscribe("ruleset.activated", heardByB::add);
        b.subscribe("account.changed", p -> heardByB.add("wrong topic: " + p));
        a.start();
        b.start();
        await("both listening", Duration.ofSeconds(10), () -> a.listening() && b.listening());

        a.publish("ruleset.activated", "sha256:abc\nwith a second line");
        assertThat(heardByA).as("delivered here before publish returns").containsExactly("sha256:abc\nwith a second line");
        await("B hears it", () -> heardByB.size() == 1);
        assertThat(heardByB).containsExactly("sha256:abc\nwith a second line");

        b.publish("ruleset.activated", "sha256:def");
        await("A hears B", () -> heardByA.size() == 2);
        Thread.sleep(300);
        assertThat(heardByA).containsExactly("sha256:abc\nwith a second line", "sha256:def");
        assertThat(heardByB).containsExactly("sha256:abc\nwith a second line", "sha256:def");
    }

    @Test
    void anInstanceWhoseConnectionIsKilledReconnectsCatchesUpAndHearsAgain() throws InterruptedException, SQLException {
        ClusterEvents a = instance("events-c");
        ClusterEvents b = instance("events-d");
        List<String> heardByB = new CopyOnWriteArrayList<>();
        AtomicInteger catchUps = new AtomicInteger();
        b.subscribe("account.changed", heardByB::add, catchUps::incrementAndGet);
        a.start();
        b.start();
        await("B listening and caught up once", Duration.ofSeconds(10), () -> b.listening() && catchUps.get() == 1);

        try (Connection c = db("killer").getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'events-d'");
        }
        await("B reconnected and caught up again", Duration.ofSeconds(10), () -> catchUps.get() == 2 && b.listening());

        a.publish("account.changed", "jdoe");
        await("B hears A again", () -> heardByB.contains("jdoe"));
    }
}

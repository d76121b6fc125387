package io.triage.cluster;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * PostgreSQL's LISTEN/NOTIFY as the wire between instances: NOTIFY through the pool, LISTEN on one
 * dedicated connection read by one thread, which also runs the catch-ups on every poll interval and
 * reconnects (catching up first) whenever the connection fails.
 */
final class NotifyChannel {

    private static final Logger LOG = Logger.getLogger(NotifyChannel.class);
    static final String CHANNEL = "triage_events";

    private final DataSource sender;
    private final Callable<Connection> listenerConnection;
    private final long pollMillis;
    // tells our own notifications apart: they were delivered here already, when published
    private final String instance = UUID.randomUUID().toString();
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Connection connection;
    private Thread thread;

    NotifyChannel(DataSource sender, Callable<Connection> listenerConnection, Duration pollInterval) {
        this.sender = sender;
        this.listenerConnection = listenerConnection;
        this.pollMillis = Math.max(10, pollInterval.toMillis());
    }

    void send(String topic, String payload) throws SQLException {
        try (Connection c = sender.getConnection(); PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, instance + "\n" + topic + "\n" + payload);
            s.execute();
        }
    }

    synchronized void start(BiConsumer<String, String> deliver, Runnable catchUp) {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(() -> listen(deliver, catchUp), "cluster-events");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        closeQuietly(connection);
    }

    boolean listening() {
        return listening;
    }

    private void listen(BiConsumer<String, String> deliver, Runnable catchUp) {
        long backoff = 100;
        while (running) {
            try (Connection c = listenerConnection.call()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listening = true;
                backoff = 100;
                catchUp.run(); // whatever was sent while nobody here was listening
                long nextPoll = System.currentTimeMillis() + pollMillis;
                while (running) {
                    long wait = Math.max(1, nextPoll - System.currentTimeMillis());
                    PGNotification[] notifications = pg.getNotifications((int) Math.min(wait, Integer.MAX_VALUE));
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            String[] parts = n.getParameter().split("\n", 3);
                            if (parts.length == 3 && !parts[0].equals(instance)) {
                                deliver.accept(parts[1], parts[2]);
                            }
                        }
                    }
                    if (System.currentTimeMillis() >= nextPoll) {
                        catchUp.run();
                        nextPoll = System.currentTimeMillis() + pollMillis;
                    }
                }
            } catch (Exception e) {
                listening = false;
                if (!running) {
                    break;
                }
                LOG.warnf("cluster events: the listening connection failed (%s); reconnecting in %d ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = Math.min(backoff * 2, Math.max(pollMillis, 1000));
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing to wake the listener; it is going away anyway
            }
        }
    }
}

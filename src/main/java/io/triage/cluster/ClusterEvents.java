package io.triage.cluster;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.triage.config.TriageConfig;
import io.triage.store.Database;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Tells every instance that something shared has changed, so each can drop or reload what it
 * keeps in memory: an account's remembered password, the active rule-set version.
 * <p>
 * {@link #publish} delivers to this instance's subscribers at once, on the caller's thread, and to
 * every other instance through PostgreSQL's LISTEN/NOTIFY (one dedicated connection per instance;
 * their handlers run on its listener thread, in the order sent). On H2 there is only one instance,
 * so delivery is in-process only.
 * <p>
 * A notification can be lost: NOTIFY is not stored, and an instance whose listening connection
 * drops hears nothing until it reconnects. Therefore an event is a hint, never the state itself:
 * publish after the change is committed to the database, and give {@link #subscribe(String, Consumer, Runnable)}
 * a catch-up that re-reads that state. It runs after every (re)connect and every
 * {@code triage.cluster.poll-interval}, so a missed event costs at most one interval.
 * <p>
 * Handlers must be quick, must not block on other instances and may run on any thread.
 */
@ApplicationScoped
public class ClusterEvents {

    private static final Logger LOG = Logger.getLogger(ClusterEvents.class);
    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9.-]{0,62}");
    /** NOTIFY refuses payloads of 8000 bytes or more; the sender id and topic need the rest. */
    public static final int MAX_PAYLOAD_BYTES = 7_000;

    private record Subscription(Consumer<String> handler, Runnable catchUp) {
    }

    private final Map<String, List<Subscription>> subscriptions = new ConcurrentHashMap<>();
    private final NotifyChannel channel;

    @Inject
    ClusterEvents(Database database, TriageConfig config) {
        this(database.kind() == TriageConfig.Db.Kind.POSTGRESQL
                ? new NotifyChannel(database.dataSource(), listenerConnection(config), config.cluster().pollInterval())
                : null);
    }

    private ClusterEvents(NotifyChannel channel) {
        this.channel = channel;
    }

    /** Events within this process only: a single instance (H2). */
    public static ClusterEvents alone() {
        return new ClusterEvents((NotifyChannel) null);
    }

    /**
     * Events among every instance on one PostgreSQL database (call {@link #start()} once subscribed).
     *
     * @param sender             where NOTIFY is sent from (a pool is fine)
     * @param listenerConnection opens the dedicated connection that LISTENs; reopened after a failure
     */
    public static ClusterEvents overPostgres(DataSource sender, Callable<Connection> listenerConnection, Duration pollInterval) {
        return new ClusterEvents(new NotifyChannel(sender, listenerConnection, pollInterval));
    }

    /**
     * Delivers {@code payload} to every subscriber of {@code topic} on every instance: here before
     * this returns, elsewhere within milliseconds (or by their next catch-up if they miss it). A
     * failure to notify the others is logged, not thrown: the change is already committed and
     * their catch-up will find it.
     *
     * @param topic   lower-case letters, digits, '.' and '-', e.g. {@code account.changed}
     * @param payload at most {@link #MAX_PAYLOAD_BYTES} bytes of UTF-8, e.g. an account name
     */
    public void publish(String topic, String payload) {
        checkTopic(topic);
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("an event payload is limited to " + MAX_PAYLOAD_BYTES + " bytes");
        }
        deliver(topic, payload);
        if (channel != null) {
            try {
                channel.send(topic, payload);
            } catch (Exception e) {
                LOG.warnf("could not notify the other instances of %s (%s); they pick the change up on their next poll",
                        topic, e.getMessage());
            }
        }
    }

    /** Runs {@code handler} with the payload of every event on {@code topic}, from this instance or another. */
    public void subscribe(String topic, Consumer<String> handler) {
        subscribe(topic, handler, null);
    }

    /**
     * As {@link #subscribe(String, Consumer)}, with {@code catchUp} re-reading the shared state in
     * case an event was missed (PostgreSQL only: after each reconnect and every poll interval).
     */
    public void subscribe(String topic, Consumer<String> handler, Runnable catchUp) {
        checkTopic(topic);
        subscriptions.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(new Subscription(handler, catchUp));
    }

    /** Starts listening to the other instances (nothing to do when alone). */
    public void start() {
        if (channel != null) {
            channel.start(this::deliver, this::catchUp);
        }
    }

    /** Stops listening. */
    public void stop() {
        if (channel != null) {
            channel.stop();
        }
    }

    /** Whether events from other instances can arrive now: alone, or listening on a live connection. */
    public boolean listening() {
        return channel == null || channel.listening();
    }

    void onStart(@Observes @Priority(5) StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    private void deliver(String topic, String payload) {
        for (Subscription s : subscriptions.getOrDefault(topic, List.of())) {
            try {
                s.handler().accept(payload);
            } catch (RuntimeException e) {
                LOG.errorf(e, "a handler of %s failed", topic);
            }
        }
    }

    private void catchUp() {
        subscriptions.forEach((topic, list) -> list.stream().filter(s -> s.catchUp() != null).forEach(s -> {
            try {
                s.catchUp().run();
            } catch (RuntimeException e) {
                LOG.warnf("catching up on %s failed (%s); trying again on the next poll", topic, e.getMessage());
            }
        }));
    }

    private static void checkTopic(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("'" + topic + "' is not a topic: lower-case letters, digits, '.' and '-'");
        }
    }

    private static Callable<Connection> listenerConnection(TriageConfig config) {
        String url = config.db().url().orElseThrow(() -> new IllegalStateException(
                "triage.db.url is not set: PostgreSQL needs its JDBC URL"));
        return () -> {
            Properties props = new Properties();
            config.db().user().ifPresent(u -> props.setProperty("user", u));
            config.db().password().ifPresent(p -> props.setProperty("password", p));
            props.setProperty("ApplicationName", "triage-events");
            props.setProperty("tcpKeepAlive", "true");
            Connection c = new org.postgresql.Driver().connect(url, props);
            if (c == null) {
                throw new IllegalStateException("'" + url + "' is not a PostgreSQL JDBC URL");
            }
            return c;
        };
    }
}

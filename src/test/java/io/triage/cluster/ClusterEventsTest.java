package io.triage.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Events within one instance (H2): delivered at once, to the subscribers of that topic only. */
class ClusterEventsTest {

    @Test
    void aloneAnEventReachesTheSubscribersOfItsTopicBeforePublishReturns() {
        ClusterEvents events = ClusterEvents.alone();
        List<String> accounts = new CopyOnWriteArrayList<>();
        List<String> versions = new CopyOnWriteArrayList<>();
        events.subscribe("account.changed", accounts::add);
        events.subscribe("ruleset.activated", versions::add, () -> versions.add("caught up"));
        events.publish("account.changed", "jdoe");
        assertThat(accounts).containsExactly("jdoe");
        assertThat(versions).isEmpty();
        assertThat(events.listening()).isTrue();
    }

    @Test
    void aFailingHandlerDoesNotStopTheOthers() {
        ClusterEvents events = ClusterEvents.alone();
        List<String> seen = new CopyOnWriteArrayList<>();
        events.subscribe("t", p -> {
            throw new IllegalStateException("broken handler");
        });
        events.subscribe("t", seen::add);
        events.publish("t", "x");
        assertThat(seen).containsExactly("x");
    }

    @Test
    void topicsAndPayloadsAreChecked() {
        ClusterEvents events = ClusterEvents.alone();
        assertThatThrownBy(() -> events.publish("Not A Topic", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> events.subscribe("with\nnewline", p -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> events.publish("t", "x".repeat(ClusterEvents.MAX_PAYLOAD_BYTES + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7000 bytes");
    }
}

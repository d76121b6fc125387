package io.triage.decision;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionIdsTest {

    @Test
    void idsAreVersionSevenUuidsCarryingTheDecisionsMillisecond() {
        Instant at = Instant.parse("2026-11-30T05:40:12.345Z");

        UUID id = UUID.fromString(DecisionIds.at(at));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
    }

    @Test
    void idsMadeLaterSortLaterAsTextSoTheIndexGrowsAtItsEnd() {
        List<String> ids = new ArrayList<>();
        Instant at = Instant.parse("2026-11-30T05:40:12.345Z");
        for (int i = 0; i < 1_000; i++) {
            ids.add(DecisionIds.at(at.plusMillis(i)));
        }

        assertThat(ids).isSorted();
    }

    @Test
    void idsInTheSameMillisecondDifferInTheirRandomBits() {
        Instant at = Instant.parse("2026-11-30T05:40:12.345Z");
        HashSet<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(DecisionIds.at(at));
        }

        assertThat(ids).hasSize(10_000);
    }
}

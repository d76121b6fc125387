package io.triage.rules;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a recommendation is, as recommendations.yaml and the decision record name it. */
public enum RecommendationKind {
    STRATEGY("strategy"),
    PREREQUISITE("prerequisite"),
    CAUTION("caution"),
    TALK_TRACK("talk_track");

    private final String id;

    RecommendationKind(String id) {
        this.id = id;
    }

    /** The name in files and JSON. */
    @JsonValue
    public String id() {
        return id;
    }

    public static Optional<RecommendationKind> of(String id) {
        // every evaluation asks once per recommendation: a loop, not a stream
        for (RecommendationKind kind : VALUES) {
            if (kind.id.equals(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static final RecommendationKind[] VALUES = values();

    /** "strategy, prerequisite, caution, talk_track", for messages that list the choices. */
    public static String ids() {
        return Arrays.stream(values()).map(RecommendationKind::id).collect(Collectors.joining(", "));
    }
}

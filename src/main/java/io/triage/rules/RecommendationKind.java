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
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    /** "strategy, prerequisite, caution, talk_track", for messages that list the choices. */
    public static String ids() {
        return Arrays.stream(values()).map(RecommendationKind::id).collect(Collectors.joining(", "));
    }
}

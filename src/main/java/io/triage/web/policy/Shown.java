package io.triage.web.policy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the policy pages write times: to the second, in UTC, readable. */
final class Shown {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Shown() {
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}

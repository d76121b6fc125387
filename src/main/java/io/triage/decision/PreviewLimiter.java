package io.triage.decision;

import io.triage.config.TriageConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Previews per user: a bucket of {@code triage.preview.burst} tokens refilled at
 * {@code triage.preview.per-minute}; an empty bucket refuses with the time to wait. In memory and
 * per instance: a preview changes nothing, so the limit only guards the engine's time.
 */
@ApplicationScoped
public class PreviewLimiter {

    /** Refused: come back after {@code retryAfter}. */
    public static final class TooManyPreviews extends RuntimeException {
        private final Duration retryAfter;

        TooManyPreviews(Duration retryAfter) {
            super("too many previews; try again in " + Math.max(1, retryAfter.toSeconds()) + " s", null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    private static final int MAX_USERS = 10_000;

    private final double perNano;
    private final double burst;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    PreviewLimiter(TriageConfig config) {
        this(config.preview().perMinute(), config.preview().burst());
    }

    PreviewLimiter(int perMinute, int burst) {
        this.perNano = perMinute / 60e9;
        this.burst = burst;
    }

    public void acquire(String user) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_USERS) {
            buckets.clear();
        }
        // bucket: [tokens, last refill time]
        double[] bucket = buckets.computeIfAbsent(user, u -> new double[]{burst, now});
        synchronized (bucket) {
            double tokens = Math.min(burst, bucket[0] + (now - (long) bucket[1]) * perNano);
            bucket[1] = now;
            if (tokens < 1) {
                bucket[0] = tokens;
                throw new TooManyPreviews(Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano)));
            }
            bucket[0] = tokens - 1;
        }
    }
}

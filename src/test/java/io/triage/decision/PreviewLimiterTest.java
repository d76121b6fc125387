package io.triage.decision;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PreviewLimiterTest {

    @Test
    void aUserPastTheBurstWaitsForTheRateAndOthersDoNot() {
        PreviewLimiter limiter = new PreviewLimiter(60, 2);
        limiter.acquire("ann");
        limiter.acquire("ann");
        PreviewLimiter.TooManyPreviews refused = catchThrowableOfType(PreviewLimiter.TooManyPreviews.class,
                () -> limiter.acquire("ann"));
        assertThat(refused).isNotNull();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        limiter.acquire("bob");
        limiter.acquire("bob");
        assertThatThrownBy(() -> limiter.acquire("bob")).isInstanceOf(PreviewLimiter.TooManyPreviews.class);
    }

    @Test
    void theBucketRefillsAtTheRate() throws InterruptedException {
        PreviewLimiter limiter = new PreviewLimiter(600, 1);   // one every 100 ms
        limiter.acquire("ann");
        assertThatThrownBy(() -> limiter.acquire("ann")).isInstanceOf(PreviewLimiter.TooManyPreviews.class);
        Thread.sleep(150);
        limiter.acquire("ann");
    }
}

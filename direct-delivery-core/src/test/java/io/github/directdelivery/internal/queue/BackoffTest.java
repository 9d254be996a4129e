package io.github.directdelivery.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.RetrySchedule;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void defaultPausesGrowFromMinutesToAnHour() {
        Backoff backoff = new Backoff(RetrySchedule.defaults(), new SplittableRandom(1));

        for (int round = 0; round < 1000; round++) {
            assertThat(backoff.after(1)).isBetween(Duration.ofSeconds(150), Duration.ofSeconds(450));
            assertThat(backoff.after(2)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(15));
            // 40 minutes, jittered by half, capped at the hour.
            assertThat(backoff.after(4)).isBetween(Duration.ofMinutes(20), Duration.ofHours(1));
            assertThat(backoff.after(50)).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
        }
    }

    @Test
    void sameSeedGivesTheSamePauses() {
        Backoff first = new Backoff(RetrySchedule.defaults(), new SplittableRandom(42));
        Backoff second = new Backoff(RetrySchedule.defaults(), new SplittableRandom(42));

        for (int attempt = 1; attempt < 20; attempt++) {
            assertThat(first.after(attempt)).isEqualTo(second.after(attempt));
        }
    }

    @Test
    void noJitterGivesTheExactExponentialPauses() {
        RetrySchedule schedule =
                new RetrySchedule(Duration.ofMinutes(1), 3.0, 0.0, Duration.ofMinutes(30), Duration.ofDays(1));
        Backoff backoff = new Backoff(schedule, new SplittableRandom(1));

        assertThat(backoff.after(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMinutes(3));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofMinutes(9));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofMinutes(27));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofMinutes(30));
    }
}

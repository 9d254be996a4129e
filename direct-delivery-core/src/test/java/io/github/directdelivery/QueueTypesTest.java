package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueTypesTest {

    @Test
    void queueIdAcceptsFileNameSafeValuesOnly() {
        assertThat(new QueueId("0194f3c2a1b7-5e0c9a17d2b44f08")).hasToString("0194f3c2a1b7-5e0c9a17d2b44f08");

        for (String bad : new String[] {"", "-leading", "Upper", "a/b", "..", "a".repeat(65), "a b"}) {
            assertThatThrownBy(() -> new QueueId(bad))
                    .as("\"%s\"", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("A queue id has 1 to 64 lower-case letters, digits and hyphens, not \"" + bad + "\"");
        }
    }

    @Test
    void retryScheduleDefaultsGiveUpAfterFiveDays() {
        RetrySchedule defaults = RetrySchedule.defaults();

        assertThat(defaults.firstRetry()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.maxInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.maxLifetime()).isEqualTo(Duration.ofDays(5));
        assertThat(defaults.withMaxLifetime(Duration.ofDays(2)).maxLifetime()).isEqualTo(Duration.ofDays(2));
        assertThat(defaults.withFirstRetry(Duration.ofMinutes(1)).firstRetry()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.withMaxInterval(Duration.ofHours(4)).maxInterval()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void retryScheduleRejectsBadValues() {
        RetrySchedule defaults = RetrySchedule.defaults();

        assertThatThrownBy(() -> defaults.withFirstRetry(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firstRetry must be positive, not PT0S");
        assertThatThrownBy(() -> defaults.withMaxLifetime(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxLifetime must be positive, not PT-1S");
        assertThatThrownBy(() -> defaults.withMaxInterval(Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxInterval PT1M must not be shorter than firstRetry PT5M");
        assertThatThrownBy(() ->
                        new RetrySchedule(Duration.ofMinutes(1), 0.5, 0.5, Duration.ofHours(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("multiplier must be at least 1, not 0.5");
        assertThatThrownBy(() ->
                        new RetrySchedule(Duration.ofMinutes(1), 2.0, 1.0, Duration.ofHours(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("randomizationFactor must be at least 0 and below 1, not 1.0");
    }

    @Test
    void queueStatsRejectNegativeValues() {
        assertThatThrownBy(() -> new QueueStats(-1, 0, 0, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue counts must not be negative: -1, 0, 0, 0");
        assertThatThrownBy(() -> new QueueStats(0, 0, 0, Duration.ofSeconds(-1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("oldestMessageAge must not be negative, not PT-1S");
    }
}

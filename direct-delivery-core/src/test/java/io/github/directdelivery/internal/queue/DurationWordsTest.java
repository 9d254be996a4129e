package io.github.directdelivery.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationWordsTest {

    @Test
    void defaultLifetimeReadsAsDays() {
        assertThat(DurationWords.of(Duration.parse("PT120H"))).isEqualTo("5 days");
    }

    @Test
    void mixedUnitsReadLargestFirst() {
        assertThat(DurationWords.of(Duration.ofMinutes(150))).isEqualTo("2 hours 30 minutes");
        assertThat(DurationWords.of(Duration.ofDays(1).plusSeconds(61))).isEqualTo("1 day 1 minute 1 second");
    }

    @Test
    void secondsAndLessReadAsSeconds() {
        assertThat(DurationWords.of(Duration.ofSeconds(6))).isEqualTo("6 seconds");
        assertThat(DurationWords.of(Duration.ofMillis(400))).isEqualTo("0 seconds");
    }
}

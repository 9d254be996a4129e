package io.github.directdelivery;

import java.time.Duration;
import java.util.Objects;

/**
 * When a durable queue tries a deferred recipient again, and when it gives up.
 *
 * <p>The pause after the n-th attempt is {@code firstRetry * multiplier^(n-1)}, at most
 * {@code maxInterval}, with random jitter: it is drawn from {@code [p(1-f), p(1+f)]} and again
 * capped at {@code maxInterval}. A 4xx reply, such as a greylisting server's, waits for the next
 * scheduled attempt like any other deferral. When {@code maxLifetime} has passed since the message
 * was submitted, one last attempt is made; recipients still deferred after it expire: they count
 * as failed, with the enhanced status code 4.4.7 (RFC 3463: delivery time expired), and their
 * sender gets a delivery status notification.
 *
 * <p>RFC 5321 §4.5.4.1 recommends at least 30 minutes between retries and a give-up time of at least
 * 4 to 5 days, and allows shorter first retries when the reason for the failure is known; the
 * default starts at 5 minutes because greylisting servers usually accept a retry after a few
 * minutes.
 *
 * @param firstRetry the pause after the first attempt
 * @param multiplier the factor by which each pause grows, at least 1
 * @param randomizationFactor the jitter {@code f}, at least 0 and below 1
 * @param maxInterval the longest pause, at least {@code firstRetry}
 * @param maxLifetime how long after submission the queue keeps trying
 */
public record RetrySchedule(
        Duration firstRetry,
        double multiplier,
        double randomizationFactor,
        Duration maxInterval,
        Duration maxLifetime) {

    /**
     * Creates the schedule.
     *
     * @throws IllegalArgumentException if a duration is not positive, the multiplier is below 1,
     *     the jitter is outside {@code [0, 1)}, or {@code maxInterval} is shorter than
     *     {@code firstRetry}
     */
    public RetrySchedule {
        positive(firstRetry, "firstRetry");
        positive(maxInterval, "maxInterval");
        positive(maxLifetime, "maxLifetime");
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be at least 1, not " + multiplier);
        }
        if (!(randomizationFactor >= 0.0 && randomizationFactor < 1.0)) {
            throw new IllegalArgumentException(
                    "randomizationFactor must be at least 0 and below 1, not " + randomizationFactor);
        }
        if (maxInterval.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException(
                    "maxInterval " + maxInterval + " must not be shorter than firstRetry " + firstRetry);
        }
    }

    /** First retry after 5 minutes, pauses doubling with 50 % jitter up to 1 hour, give up after 5 days. */
    public static RetrySchedule defaults() {
        return new RetrySchedule(Duration.ofMinutes(5), 2.0, 0.5, Duration.ofHours(1), Duration.ofDays(5));
    }

    /** Returns a copy with another pause after the first attempt. */
    public RetrySchedule withFirstRetry(Duration pause) {
        return new RetrySchedule(pause, multiplier, randomizationFactor, maxInterval, maxLifetime);
    }

    /** Returns a copy with another longest pause. */
    public RetrySchedule withMaxInterval(Duration pause) {
        return new RetrySchedule(firstRetry, multiplier, randomizationFactor, pause, maxLifetime);
    }

    /** Returns a copy that gives up after another time since submission. */
    public RetrySchedule withMaxLifetime(Duration lifetime) {
        return new RetrySchedule(firstRetry, multiplier, randomizationFactor, maxInterval, lifetime);
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
    }
}

package io.github.directdelivery.internal.queue;

import io.github.directdelivery.RetrySchedule;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The pause before a deferred message's next attempt: Resilience4j's exponential interval, with
 * jitter from the injected random source so tests can predict it.
 */
final class Backoff {

    private final IntervalFunction exponential;
    private final double randomizationFactor;
    private final long maxMillis;
    private final RandomGenerator random;

    Backoff(RetrySchedule schedule, RandomGenerator random) {
        this.exponential = IntervalFunction.ofExponentialBackoff(
                schedule.firstRetry(), schedule.multiplier(), schedule.maxInterval());
        this.randomizationFactor = schedule.randomizationFactor();
        this.maxMillis = schedule.maxInterval().toMillis();
        this.random = random;
    }

    /** Returns the pause after attempt number {@code attempt}, counted from 1. */
    Duration after(int attempt) {
        long interval = exponential.apply(Math.max(1, attempt));
        double draw;
        // The configured generator need not be thread-safe.
        synchronized (random) {
            draw = random.nextDouble();
        }
        double jittered = interval * (1 - randomizationFactor + 2 * randomizationFactor * draw);
        return Duration.ofMillis(Math.min(Math.round(jittered), maxMillis));
    }
}

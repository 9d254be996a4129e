package io.github.directdelivery;

import java.time.Duration;
import java.util.Objects;

/**
 * The short in-process retry of a synchronous {@code send}: how often a recipient that ended
 * DEFERRED is tried again, and after what pause. Pauses grow exponentially with random jitter.
 *
 * <p>By default only failures to reach a destination are retried: a temporary DNS failure, a
 * connection that could not be opened or broke, and a session that never got ready for mail (a
 * refused greeting or EHLO, a TLS failure the policy does not allow to continue). A 4xx reply to a
 * transaction is retried only with
 * {@link #retryTransientReplies}: greylisting wants minutes, which belongs to a durable queue, not
 * to a caller waiting for {@code send}.
 *
 * @param maxAttempts attempts in all, including the first; 1 means no retry
 * @param initialInterval the pause before the first retry
 * @param multiplier the factor by which each pause grows
 * @param randomizationFactor the jitter: each pause is drawn from {@code [p(1-f), p(1+f)]}, 0 to 1
 * @param retryTransientReplies whether recipients that got a 4xx reply are retried too
 */
public record RetrySettings(
        int maxAttempts,
        Duration initialInterval,
        double multiplier,
        double randomizationFactor,
        boolean retryTransientReplies) {

    public RetrySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        Objects.requireNonNull(initialInterval, "initialInterval");
        if (initialInterval.isNegative() || initialInterval.isZero()) {
            throw new IllegalArgumentException("initialInterval must be positive, not " + initialInterval);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be at least 1, not " + multiplier);
        }
        if (!(randomizationFactor >= 0.0 && randomizationFactor < 1.0)) {
            throw new IllegalArgumentException(
                    "randomizationFactor must be at least 0 and below 1, not " + randomizationFactor);
        }
    }

    /** Returns the defaults: three attempts, pauses from one second doubling with 50 % jitter, 4xx replies not retried. */
    public static RetrySettings defaults() {
        return new RetrySettings(3, Duration.ofSeconds(1), 2.0, 0.5, false);
    }

    /** Returns settings for a single attempt: nothing is retried. */
    public static RetrySettings none() {
        return new RetrySettings(1, Duration.ofSeconds(1), 2.0, 0.5, false);
    }

    /** Returns a copy with the given number of attempts. */
    public RetrySettings withMaxAttempts(int attempts) {
        return new RetrySettings(attempts, initialInterval, multiplier, randomizationFactor, retryTransientReplies);
    }

    /** Returns a copy with the given first pause. */
    public RetrySettings withInitialInterval(Duration interval) {
        return new RetrySettings(maxAttempts, interval, multiplier, randomizationFactor, retryTransientReplies);
    }

    /** Returns a copy that also retries (or does not retry) recipients that got a 4xx reply. */
    public RetrySettings withRetryTransientReplies(boolean retry) {
        return new RetrySettings(maxAttempts, initialInterval, multiplier, randomizationFactor, retry);
    }
}

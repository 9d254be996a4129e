package io.github.directdelivery.internal.delivery;

import io.github.directdelivery.RetrySettings;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The in-process retry of one domain's delivery, built once per client and retry settings and
 * shared by every message. Each attempt returns what the next wait and the decision to retry
 * depend on, so the configuration holds no per-message state. Thread-safe.
 */
final class DomainRetry {

    /**
     * The outcome of one attempt as the retry needs it: whether another attempt should follow, and
     * how long to wait before the attempt with the given number.
     */
    interface Attempt {

        /** Returns whether recipients are left to retry and there is time for it. */
        boolean wantsRetry();

        /** Returns the wait in milliseconds before attempt {@code number}, counted from 1. */
        long waitMillis(int number);
    }

    private final @Nullable Retry retry;

    DomainRetry(RetrySettings settings) {
        int maxAttempts = settings.maxAttempts();
        this.retry = maxAttempts > 1 ? Retry.of("domain-delivery", config(maxAttempts)) : null;
    }

    /** Runs {@code attempt} until it wants no retry or the attempts are used up. */
    void run(Supplier<Attempt> attempt) {
        if (retry == null) {
            var unused = attempt.get();
            return;
        }
        var unused = retry.executeSupplier(attempt);
    }

    private static RetryConfig config(int maxAttempts) {
        return RetryConfig.<Attempt>custom()
                .maxAttempts(maxAttempts)
                .intervalBiFunction((number, outcome) -> waitMillis(number, outcome))
                .retryOnResult(Attempt::wantsRetry)
                .retryOnException(exception -> false)
                .failAfterMaxAttempts(false)
                .build();
    }

    // Only results are retried, never exceptions, so the outcome is always a result.
    private static long waitMillis(int number, Either<Throwable, Attempt> outcome) {
        return outcome.isRight() ? outcome.get().waitMillis(number) : 0;
    }
}

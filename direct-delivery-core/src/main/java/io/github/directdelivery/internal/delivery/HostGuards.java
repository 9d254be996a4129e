package io.github.directdelivery.internal.delivery;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Per-host protection: a circuit breaker that skips an MX host after repeated connection failures,
 * a bulkhead that bounds concurrent sessions to it, and an optional rate limiter. State for a host
 * is evicted once it has been unused for a while, so the map does not grow with every host ever seen.
 */
final class HostGuards {

    private static final Duration EVICTION_INTERVAL = Duration.ofMinutes(1);

    private final CircuitBreakerConfig breakerConfig;
    private final BulkheadConfig bulkheadConfig;
    private final @Nullable RateLimiterConfig rateLimiterConfig;
    private final Duration evictAfter;
    private final Clock clock;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    private volatile Instant nextEviction = Instant.MIN;

    /** The guards of one host. */
    static final class Guard {
        final CircuitBreaker breaker;
        final Bulkhead bulkhead;
        final @Nullable RateLimiter rateLimiter;
        volatile Instant lastUsed;

        Guard(CircuitBreaker breaker, Bulkhead bulkhead, @Nullable RateLimiter rateLimiter, Instant lastUsed) {
            this.breaker = breaker;
            this.bulkhead = bulkhead;
            this.rateLimiter = rateLimiter;
            this.lastUsed = lastUsed;
        }

        boolean idle() {
            return breaker.getState() == CircuitBreaker.State.CLOSED
                    && bulkhead.getMetrics().getAvailableConcurrentCalls()
                            == bulkhead.getMetrics().getMaxAllowedConcurrentCalls();
        }
    }

    HostGuards(DeliverySettings settings) {
        int failures = settings.circuitBreakerFailures();
        // Open after `failures` failed connections in a row: a window of that size, all failed.
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failures)
                .minimumNumberOfCalls(failures)
                .failureRateThreshold(100)
                .waitDurationInOpenState(settings.circuitBreakerOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .clock(settings.clock())
                .build();
        this.bulkheadConfig = BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConnectionsPerHost())
                .maxWaitDuration(settings.timeouts().connect())
                .build();
        this.rateLimiterConfig = settings.rateLimitPerHost() > 0
                ? RateLimiterConfig.custom()
                        .limitForPeriod(settings.rateLimitPerHost())
                        .limitRefreshPeriod(settings.rateLimitPeriod())
                        .timeoutDuration(settings.sendTimeout())
                        .build()
                : null;
        Duration openDuration = settings.circuitBreakerOpenDuration();
        Duration minimum = Duration.ofMinutes(10);
        this.evictAfter = openDuration.compareTo(minimum) > 0 ? openDuration.multipliedBy(2) : minimum;
        this.clock = settings.clock();
    }

    /** Returns the guards of {@code host}, creating them on first use, and evicts idle ones. */
    Guard forHost(String host) {
        Instant now = clock.instant();
        evictIdle(now);
        Guard guard = guards.computeIfAbsent(
                host,
                name -> new Guard(
                        CircuitBreaker.of(name, breakerConfig),
                        Bulkhead.of(name, bulkheadConfig),
                        rateLimiterConfig == null ? null : RateLimiter.of(name, rateLimiterConfig),
                        now));
        guard.lastUsed = now;
        return guard;
    }

    /** Returns how many hosts have state; for tests of the eviction. */
    int size() {
        return guards.size();
    }

    // Runs at most once a minute, so that a busy client does not scan the map on every message.
    private void evictIdle(Instant now) {
        if (now.isBefore(nextEviction)) {
            return;
        }
        nextEviction = now.plus(EVICTION_INTERVAL);
        Instant cutoff = now.minus(evictAfter);
        for (Iterator<Guard> it = guards.values().iterator(); it.hasNext(); ) {
            Guard guard = it.next();
            if (guard.lastUsed.isBefore(cutoff) && guard.idle()) {
                it.remove();
            }
        }
    }
}

package io.github.directdelivery.internal.queue;

import io.github.directdelivery.QueueListener;
import io.github.directdelivery.RetrySchedule;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The validated configuration of a queue, as the public builder assembled it.
 *
 * @param delayNoticeAfter how long after submission a delay notice goes out, or null for none
 * @param concurrency how many messages are delivered at the same time
 * @param shutdownTimeout how long closing waits for running deliveries
 * @param relayPendingOnClose whether closing hands pending recipients to the fallback relay
 * @param random the source of retry jitter
 * @param scheduler runs the one timer task that starts due deliveries
 * @param workers runs the deliveries
 */
public record QueueSettings(
        RetrySchedule schedule,
        @Nullable Duration delayNoticeAfter,
        int concurrency,
        Duration shutdownTimeout,
        boolean relayPendingOnClose,
        Clock clock,
        RandomGenerator random,
        QueueListener listener,
        ScheduledExecutorService scheduler,
        Executor workers) {}

package io.github.directdelivery.internal.smtp;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds blocking writes. A socket write has no timeout in Java, so a server that stops reading
 * could hold the writing thread forever. The watchdog closes the socket when a guarded write does
 * not finish in time, which makes the write fail. One scheduler can serve every session.
 */
public final class WriteWatchdog {

    private final ScheduledExecutorService scheduler;

    WriteWatchdog(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Returns a one-thread scheduler for watchdogs that drops a guard from its queue as soon as the
     * guard is closed. A busy client closes thousands of guards a second, each long before its
     * timeout; a default scheduler would keep every one of them queued, with its socket, until the
     * timeout (minutes) had passed.
     */
    public static ScheduledThreadPoolExecutor newScheduler(ThreadFactory threads) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threads);
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    /** Starts guarding: {@code target} is closed after {@code timeout} unless the guard is closed first. */
    Guard start(Closeable target, Duration timeout) {
        return new Guard(target, timeout);
    }

    /** One guarded operation. Closing it before the timeout cancels the close of the target. */
    final class Guard implements AutoCloseable {

        private final AtomicBoolean fired = new AtomicBoolean();
        private final ScheduledFuture<?> task;

        private Guard(Closeable target, Duration timeout) {
            task = scheduler.schedule(() -> fire(target), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void fire(Closeable target) {
            fired.set(true);
            try {
                target.close();
            } catch (IOException e) {
                // The socket is being abandoned; a failure to close it changes nothing for the caller.
            }
        }

        /** Returns whether the timeout expired and the target was closed. */
        boolean fired() {
            return fired.get();
        }

        @Override
        public void close() {
            task.cancel(false);
        }
    }
}

package io.github.directdelivery.bench.submit;

import io.github.directdelivery.QueueId;
import io.github.directdelivery.QueueListener;
import io.github.directdelivery.RecipientResult;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Counts the queue's delivered recipients and completed messages, and keeps the first event that
 * means a message will not be delivered at once: a deferral, a failure, an expiry or a quarantined
 * spool file. A benchmark run fails on such an event instead of waiting for a retry.
 */
final class CompletionTracker implements QueueListener {

    private long delivered;
    private long completed;
    private @Nullable String problem;

    @Override
    public synchronized void recipientDelivered(QueueId id, RecipientResult result) {
        delivered++;
    }

    @Override
    public synchronized void completed(QueueId id) {
        completed++;
        notifyAll();
    }

    @Override
    public void recipientDeferred(QueueId id, RecipientResult result, Instant nextAttempt) {
        report(id + ": " + result.recipient() + " was deferred: " + result.text());
    }

    @Override
    public void recipientFailed(QueueId id, RecipientResult result) {
        report(id + ": " + result.recipient() + " failed: " + result.text());
    }

    @Override
    public void recipientExpired(QueueId id, RecipientResult result) {
        report(id + ": " + result.recipient() + " expired: " + result.text());
    }

    @Override
    public void quarantined(String file, String reason) {
        report("the spool file " + file + " was quarantined: " + reason);
    }

    /** Returns the number of recipients delivered so far. */
    synchronized long delivered() {
        return delivered;
    }

    /** Returns the number of messages completed so far. */
    synchronized long completed() {
        return completed;
    }

    /**
     * Waits until {@code count} messages have completed.
     *
     * @throws IllegalStateException if a message was deferred, failed, expired or quarantined
     * @throws TimeoutException if fewer have completed after {@code timeout}
     */
    synchronized void awaitCompleted(long count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (completed < count) {
            checkNoProblem();
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new TimeoutException(
                        completed + " of " + count + " messages completed within " + timeout.toSeconds() + " s");
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        checkNoProblem();
    }

    private synchronized void report(String event) {
        if (problem == null) {
            problem = event;
        }
        notifyAll();
    }

    private void checkNoProblem() {
        if (problem != null) {
            throw new IllegalStateException("a queued message was not delivered at the first attempt: " + problem);
        }
    }
}

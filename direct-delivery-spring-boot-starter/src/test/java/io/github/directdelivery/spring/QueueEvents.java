package io.github.directdelivery.spring;

import io.github.directdelivery.Envelope;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.QueueListener;
import io.github.directdelivery.RecipientResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Records queue events as short strings, such as {@code delivered alice@example.org}, and waits for them. */
final class QueueEvents implements QueueListener {

    private final List<String> events = new ArrayList<>();
    private final Map<String, Instant> nextAttempts = new HashMap<>();

    @Override
    public void submitted(QueueId id, Envelope envelope) {
        record("submitted");
    }

    @Override
    public void recipientDelivered(QueueId id, RecipientResult result) {
        record("delivered " + result.recipient() + (result.relayed() ? " relayed" : ""));
    }

    @Override
    public void recipientDeferred(QueueId id, RecipientResult result, Instant nextAttempt) {
        synchronized (this) {
            nextAttempts.put(result.recipient(), nextAttempt);
        }
        record("deferred " + result.recipient());
    }

    @Override
    public void recipientFailed(QueueId id, RecipientResult result) {
        record("failed " + result.recipient());
    }

    @Override
    public void completed(QueueId id) {
        record("completed");
    }

    @Override
    public void parked(QueueId id) {
        record("parked");
    }

    @Override
    public void quarantined(String file, String reason) {
        record("quarantined " + file);
    }

    /** Returns the events so far, in order. */
    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** Returns when the latest deferral of {@code recipient} scheduled the next attempt, or null. */
    synchronized @Nullable Instant nextAttempt(String recipient) {
        return nextAttempts.get(recipient);
    }

    /**
     * Waits until {@code event} was recorded.
     *
     * @throws AssertionError if it was not recorded within 10 seconds
     */
    synchronized void await(String event) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!events.contains(event)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no event '" + event + "' within 10 seconds; events: " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private synchronized void record(String event) {
        events.add(event);
        notifyAll();
    }
}

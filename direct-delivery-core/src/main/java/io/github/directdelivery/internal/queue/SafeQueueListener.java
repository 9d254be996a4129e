package io.github.directdelivery.internal.queue;

import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.QueueListener;
import io.github.directdelivery.RecipientResult;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes events to the application's queue listener; an exception it throws is logged and ignored. */
final class SafeQueueListener implements QueueListener {

    private static final Logger log = LoggerFactory.getLogger(SafeQueueListener.class);

    private final QueueListener delegate;

    SafeQueueListener(QueueListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void submitted(QueueId id, Envelope envelope) {
        call("submitted", () -> delegate.submitted(id, envelope));
    }

    @Override
    public void resumed(QueueId id, List<String> pendingRecipients) {
        call("resumed", () -> delegate.resumed(id, pendingRecipients));
    }

    @Override
    public void attemptStarted(QueueId id, int attempt, List<String> recipients) {
        call("attemptStarted", () -> delegate.attemptStarted(id, attempt, recipients));
    }

    @Override
    public void recipientDelivered(QueueId id, RecipientResult result) {
        call("recipientDelivered", () -> delegate.recipientDelivered(id, result));
    }

    @Override
    public void recipientDeferred(QueueId id, RecipientResult result, Instant nextAttempt) {
        call("recipientDeferred", () -> delegate.recipientDeferred(id, result, nextAttempt));
    }

    @Override
    public void recipientFailed(QueueId id, RecipientResult result) {
        call("recipientFailed", () -> delegate.recipientFailed(id, result));
    }

    @Override
    public void recipientExpired(QueueId id, RecipientResult result) {
        call("recipientExpired", () -> delegate.recipientExpired(id, result));
    }

    @Override
    public void notificationQueued(QueueId id, DsnOptions.Notify kind, List<String> recipients, QueueId notification) {
        call("notificationQueued", () -> delegate.notificationQueued(id, kind, recipients, notification));
    }

    @Override
    public void completed(QueueId id) {
        call("completed", () -> delegate.completed(id));
    }

    @Override
    public void parked(QueueId id) {
        call("parked", () -> delegate.parked(id));
    }

    @Override
    public void quarantined(String file, String reason) {
        call("quarantined", () -> delegate.quarantined(file, reason));
    }

    private static void call(String event, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("The queue listener threw an exception from {}; the queue goes on", event, e);
        }
    }
}

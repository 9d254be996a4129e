package io.github.directdelivery.spring.internal;

import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.QueueListener;
import io.github.directdelivery.RecipientResult;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes each queue event to several listeners in order, because the durable queue takes only one.
 * A listener that throws is logged and skipped, so the listeners after it still get the event.
 */
public final class CompositeQueueListener implements QueueListener {

    private static final Logger log = LoggerFactory.getLogger(CompositeQueueListener.class);

    private final ListenerFanOut<QueueListener> listeners;

    private CompositeQueueListener(List<QueueListener> listeners) {
        this.listeners = new ListenerFanOut<>(listeners, "queue listener", log);
    }

    /** Returns one listener for all of {@code listeners}: {@link QueueListener#NONE} for none, the listener itself for one. */
    public static QueueListener of(List<QueueListener> listeners) {
        return switch (listeners.size()) {
            case 0 -> QueueListener.NONE;
            case 1 -> listeners.get(0);
            default -> new CompositeQueueListener(listeners);
        };
    }

    @Override
    public void submitted(QueueId id, Envelope envelope) {
        listeners.forEach("submitted", listener -> listener.submitted(id, envelope));
    }

    @Override
    public void resumed(QueueId id, List<String> pendingRecipients) {
        listeners.forEach("resumed", listener -> listener.resumed(id, pendingRecipients));
    }

    @Override
    public void attemptStarted(QueueId id, int attempt, List<String> recipients) {
        listeners.forEach("attemptStarted", listener -> listener.attemptStarted(id, attempt, recipients));
    }

    @Override
    public void recipientDelivered(QueueId id, RecipientResult result) {
        listeners.forEach("recipientDelivered", listener -> listener.recipientDelivered(id, result));
    }

    @Override
    public void recipientDeferred(QueueId id, RecipientResult result, Instant nextAttempt) {
        listeners.forEach("recipientDeferred", listener -> listener.recipientDeferred(id, result, nextAttempt));
    }

    @Override
    public void recipientFailed(QueueId id, RecipientResult result) {
        listeners.forEach("recipientFailed", listener -> listener.recipientFailed(id, result));
    }

    @Override
    public void recipientExpired(QueueId id, RecipientResult result) {
        listeners.forEach("recipientExpired", listener -> listener.recipientExpired(id, result));
    }

    @Override
    public void notificationQueued(QueueId id, DsnOptions.Notify kind, List<String> recipients, QueueId notification) {
        listeners.forEach(
                "notificationQueued", listener -> listener.notificationQueued(id, kind, recipients, notification));
    }

    @Override
    public void completed(QueueId id) {
        listeners.forEach("completed", listener -> listener.completed(id));
    }

    @Override
    public void parked(QueueId id) {
        listeners.forEach("parked", listener -> listener.parked(id));
    }

    @Override
    public void quarantined(String file, String reason) {
        listeners.forEach("quarantined", listener -> listener.quarantined(file, reason));
    }
}

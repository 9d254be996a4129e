package io.github.directdelivery;

import java.time.Instant;
import java.util.List;

/**
 * Observes a durable queue: one event for every change of a message's or a recipient's state.
 * Every method has an empty default, so a listener implements only what it needs. The events of
 * each delivery attempt also reach the client's {@link DeliveryListener}.
 *
 * <p>A state change is written to the spool before its event is called, so after a crash a
 * restarted queue does not repeat a delivery the listener heard of. The exception is a write that
 * fails (such as on a full disk): the error is logged and the event still called. Methods are
 * called on the queue's threads, possibly from several threads at once; they must be fast and
 * thread-safe. An exception thrown by a listener is logged and otherwise ignored.
 */
public interface QueueListener {

    /** A listener that ignores every event. */
    QueueListener NONE = new QueueListener() {};

    /** Called when a message was stored in the spool, before {@code submit} returns. */
    default void submitted(QueueId id, Envelope envelope) {}

    /** Called when a message left in the spool by an earlier run is taken up again. */
    default void resumed(QueueId id, List<String> pendingRecipients) {}

    /** Called before an attempt to deliver a message to the recipients still pending; the first attempt is 1. */
    default void attemptStarted(QueueId id, int attempt, List<String> recipients) {}

    /** Called when a server (or the fallback relay) accepted the message for a recipient. */
    default void recipientDelivered(QueueId id, RecipientResult result) {}

    /** Called when a recipient was deferred and will be tried again at {@code nextAttempt}. */
    default void recipientDeferred(QueueId id, RecipientResult result, Instant nextAttempt) {}

    /** Called when a recipient failed permanently, such as with a 5xx reply or a domain that does not exist. */
    default void recipientFailed(QueueId id, RecipientResult result) {}

    /**
     * Called when a recipient was still deferred after the queue's maximum lifetime. The result is
     * FAILED with the enhanced status code 4.4.7 and the last reply.
     */
    default void recipientExpired(QueueId id, RecipientResult result) {}

    /**
     * Called when a delivery status notification to the message's sender was stored in the spool:
     * {@link DsnOptions.Notify#FAILURE} for failed and expired recipients,
     * {@link DsnOptions.Notify#DELAY} for a delay notice.
     *
     * @param notification the queue id of the notification, itself a queued message
     */
    default void notificationQueued(
            QueueId id, DsnOptions.Notify kind, List<String> recipients, QueueId notification) {}

    /** Called when every recipient of a message is delivered or failed and the message left the spool. */
    default void completed(QueueId id) {}

    /**
     * Called at shutdown for a message whose delivery was still running when the shutdown timeout
     * passed. It stays in the spool, and the next run delivers it again to the recipients whose
     * outcome was not recorded.
     */
    default void parked(QueueId id) {}

    /**
     * Called when a spool file was moved to the quarantine directory because it is truncated,
     * corrupted, or contains a message that cannot be sent. Its message is not delivered.
     *
     * @param file the file's name in the quarantine directory
     * @param reason what is wrong with it
     */
    default void quarantined(String file, String reason) {}
}

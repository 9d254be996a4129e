package io.github.directdelivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records queue events as short lines such as {@code delivered bob@example.org}, for assertions. */
final class RecordingQueueListener implements QueueListener {

    private final List<String> events = new ArrayList<>();
    private final List<RecipientResult> delivered = new ArrayList<>();
    private final List<Instant> nextAttempts = new ArrayList<>();
    private final List<QueueId> notifications = new ArrayList<>();

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized List<RecipientResult> delivered() {
        return List.copyOf(delivered);
    }

    synchronized List<Instant> nextAttempts() {
        return List.copyOf(nextAttempts);
    }

    synchronized List<QueueId> notifications() {
        return List.copyOf(notifications);
    }

    synchronized long count(String prefix) {
        return events.stream().filter(event -> event.startsWith(prefix)).count();
    }

    @Override
    public synchronized void submitted(QueueId id, Envelope envelope) {
        events.add("submitted " + envelope.recipients());
    }

    @Override
    public synchronized void resumed(QueueId id, List<String> pendingRecipients) {
        events.add("resumed " + pendingRecipients);
    }

    @Override
    public synchronized void attemptStarted(QueueId id, int attempt, List<String> recipients) {
        events.add("attempt " + attempt + " " + recipients);
    }

    @Override
    public synchronized void recipientDelivered(QueueId id, RecipientResult result) {
        events.add("delivered " + result.recipient());
        delivered.add(result);
    }

    @Override
    public synchronized void recipientDeferred(QueueId id, RecipientResult result, Instant nextAttempt) {
        events.add("deferred " + result.recipient());
        nextAttempts.add(nextAttempt);
    }

    @Override
    public synchronized void recipientFailed(QueueId id, RecipientResult result) {
        events.add("failed " + result.recipient() + " " + result.enhancedCode());
    }

    @Override
    public synchronized void recipientExpired(QueueId id, RecipientResult result) {
        events.add("expired " + result.recipient() + " " + result.enhancedCode());
    }

    @Override
    public synchronized void notificationQueued(
            QueueId id, DsnOptions.Notify kind, List<String> recipients, QueueId notification) {
        events.add("notified " + kind + " " + recipients);
        notifications.add(notification);
    }

    @Override
    public synchronized void completed(QueueId id) {
        events.add("completed");
    }

    @Override
    public synchronized void parked(QueueId id) {
        events.add("parked");
    }

    @Override
    public synchronized void quarantined(String file, String reason) {
        events.add("quarantined " + file + ": " + reason);
    }
}

package io.github.directdelivery.internal.queue;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.RecipientResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A queued message's state in memory: the same state records that its spool file contains, applied in
 * order, so a restart rebuilds exactly what the last run had made durable. Thread-safe.
 */
final class QueuedMessage {

    private final MessageHeader header;
    private final List<String> recipients;
    // DEFERRED stands for every recipient still pending, whether or not it was tried yet.
    private final DeliveryStatus[] status;
    private final @Nullable RecipientResult[] latest;
    private final boolean[] failureReported;
    private boolean delayNoticeSent;
    private int attempts;
    private @Nullable Instant nextAttempt;
    private boolean inFlight;
    private boolean removed;

    QueuedMessage(MessageHeader header) {
        this.header = header;
        this.recipients = header.envelope().recipients();
        this.status = new DeliveryStatus[recipients.size()];
        this.latest = new RecipientResult[recipients.size()];
        this.failureReported = new boolean[recipients.size()];
        Arrays.fill(status, DeliveryStatus.DEFERRED);
    }

    /**
     * Rebuilds a message from its spool file's contents.
     *
     * @throws CorruptSpoolFileException if a record names a recipient the envelope does not have
     */
    static QueuedMessage restore(StoredMessage stored) throws CorruptSpoolFileException {
        QueuedMessage message = new QueuedMessage(stored.header());
        try {
            for (StateRecord record : stored.records()) {
                message.apply(record);
            }
        } catch (IllegalArgumentException e) {
            throw new CorruptSpoolFileException(String.valueOf(e.getMessage()), e);
        }
        return message;
    }

    QueueId id() {
        return header.id();
    }

    Envelope envelope() {
        return header.envelope();
    }

    Instant submitted() {
        return header.submitted();
    }

    /**
     * Applies a state change that was written to the spool.
     *
     * @throws IllegalArgumentException if it names a recipient the envelope does not have
     */
    synchronized void apply(StateRecord record) {
        if (record instanceof StateRecord.Decided decided) {
            for (StateRecord.IndexedResult indexed : decided.results()) {
                int index = check(indexed.recipient());
                status[index] = indexed.result().status();
                latest[index] = indexed.result();
            }
        } else if (record instanceof StateRecord.Deferred deferred) {
            attempts = Math.max(attempts, deferred.attempt());
            nextAttempt = deferred.nextAttempt();
            for (StateRecord.IndexedResult indexed : deferred.results()) {
                latest[check(indexed.recipient())] = indexed.result();
            }
        } else {
            StateRecord.Notified notified = (StateRecord.Notified) record;
            for (int recipient : notified.recipients()) {
                check(recipient);
                if (notified.kind() == DsnOptions.Notify.FAILURE) {
                    failureReported[recipient] = true;
                }
            }
            if (notified.kind() == DsnOptions.Notify.DELAY) {
                delayNoticeSent = true;
            }
        }
    }

    /** Returns the positions of the recipients that are neither delivered nor failed. */
    synchronized List<Integer> pending() {
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < status.length; i++) {
            if (status[i] == DeliveryStatus.DEFERRED) {
                pending.add(i);
            }
        }
        return pending;
    }

    synchronized boolean isPending(int index) {
        return status[index] == DeliveryStatus.DEFERRED;
    }

    /** Returns the positions of failed recipients whose sender is still to be notified. */
    synchronized List<Integer> unreportedFailures() {
        List<Integer> unreported = new ArrayList<>();
        if (!wantsNotice(DsnOptions.Notify.FAILURE)) {
            return unreported;
        }
        for (int i = 0; i < status.length; i++) {
            if (status[i] == DeliveryStatus.FAILED && !failureReported[i]) {
                unreported.add(i);
            }
        }
        return unreported;
    }

    /** Returns whether every recipient has an outcome and every failure that needs a report has one. */
    synchronized boolean finished() {
        return pending().isEmpty() && unreportedFailures().isEmpty();
    }

    /**
     * Returns whether the sender wants a notification of this kind: never for the null reverse-path
     * (RFC 5321 §4.5.5), and otherwise as the envelope's NOTIFY requests, where no NOTIFY means failures
     * and delays (RFC 3461 §4.1 leaves delays to the reporting system).
     */
    boolean wantsNotice(DsnOptions.Notify kind) {
        Envelope envelope = header.envelope();
        if (envelope.hasNullReversePath()) {
            return false;
        }
        DsnOptions dsn = envelope.dsn();
        return dsn == null || dsn.notifyOn().isEmpty() || dsn.notifyOn().contains(kind);
    }

    /** Returns the position of a recipient as spelled in the envelope, or -1. */
    int indexOf(String recipient) {
        return recipients.indexOf(recipient);
    }

    String recipient(int index) {
        return recipients.get(index);
    }

    synchronized @Nullable RecipientResult latest(int index) {
        return latest[index];
    }

    synchronized int attempts() {
        return attempts;
    }

    synchronized @Nullable Instant nextAttempt() {
        return nextAttempt;
    }

    synchronized boolean delayNoticeSent() {
        return delayNoticeSent;
    }

    synchronized boolean inFlight() {
        return inFlight;
    }

    synchronized void inFlight(boolean running) {
        this.inFlight = running;
    }

    /** Returns whether the message left the queue: finished, quarantined or lost. */
    synchronized boolean removed() {
        return removed;
    }

    synchronized void markRemoved() {
        this.removed = true;
    }

    private int check(int index) {
        if (index < 0 || index >= status.length) {
            throw new IllegalArgumentException(
                    "a state record names recipient " + index + " of a message with " + status.length);
        }
        return index;
    }
}

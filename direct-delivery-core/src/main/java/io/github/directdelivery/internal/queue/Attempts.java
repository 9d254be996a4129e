package io.github.directdelivery.internal.queue;

import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.QueueListener;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.internal.delivery.DeliveryEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt of a queued message: the recipients still pending go through the client's
 * usual delivery path once, each transaction's outcome is written to the spool before the next
 * transaction, deferred recipients get their next attempt time or expire, and the sender is notified
 * of failures.
 */
final class Attempts {

    private static final Logger log = LoggerFactory.getLogger(Attempts.class);

    // RFC 3463 X.4.7: delivery time expired.
    private static final EnhancedStatusCode TIME_EXPIRED = new EnhancedStatusCode(4, 4, 7);

    private final DeliveryQueue queue;
    private final DeliveryEngine engine;
    private final Spool spool;
    private final QueueSettings settings;
    private final Backoff backoff;
    private final Notifier notifier;
    private final QueueListener listener;

    Attempts(
            DeliveryQueue queue,
            DeliveryEngine engine,
            Spool spool,
            QueueSettings settings,
            Backoff backoff,
            Notifier notifier,
            QueueListener listener) {
        this.queue = queue;
        this.engine = engine;
        this.spool = spool;
        this.settings = settings;
        this.backoff = backoff;
        this.notifier = notifier;
        this.listener = listener;
    }

    /** Runs one attempt and catches every runtime exception, so a broken message cannot stop the workers. */
    void run(QueuedMessage message) {
        if (engine.isClosed()) {
            queue.parkForClosedClient(message);
            return;
        }
        try {
            if (!verify(message)) {
                return;
            }
            Instant next = message.pending().isEmpty() ? null : deliver(message);
            if (message.removed()) {
                return;
            }
            notifier.notifyFailures(message);
            notifier.notifyDelay(message);
            finish(message, next);
        } catch (RuntimeException e) {
            if (engine.isClosed()) {
                // Recipients without a recorded outcome are tried again at the next start.
                queue.parkForClosedClient(message);
                return;
            }
            Instant next = retryLater(message);
            log.error("The delivery attempt of {} failed unexpectedly; trying again at {}", message.id(), next, e);
            queue.reschedule(message, next);
        }
    }

    /** Hands the pending recipients of a message to the fallback relay, at shutdown. */
    void relay(QueuedMessage message) {
        List<String> recipients = recipients(message, message.pending());
        int attempt = message.attempts() + 1;
        try {
            listener.attemptStarted(message.id(), attempt, recipients);
            DeliveryReport report = engine.relayOnly(
                    envelope(message, recipients),
                    spool.content(message.id()),
                    results -> decided(message, results, attempt));
            decided(message, report.results(), attempt);
            notifier.notifyFailures(message);
            if (message.finished()) {
                queue.complete(message);
            }
        } catch (RuntimeException e) {
            log.error("Cannot hand {} to the fallback relay; it stays in the spool", message.id(), e);
        }
    }

    private boolean verify(QueuedMessage message) {
        try {
            spool.verify(message.id());
            return true;
        } catch (CorruptSpoolFileException e) {
            queue.quarantine(message, e.reason());
        } catch (NoSuchFileException e) {
            log.error("The spool file of {} was removed from outside; its message is lost", message.id());
            queue.forget(message);
        } catch (IOException e) {
            Instant next = retryLater(message);
            // An I/O error names its cause; its stack trace adds nothing for the operator.
            log.error("Cannot read the spool file of {}: {}; trying again at {}", message.id(), e.toString(), next);
            queue.reschedule(message, next);
        }
        return false;
    }

    // Returns when the next attempt is due.
    private Instant deliver(QueuedMessage message) {
        int attempt = message.attempts() + 1;
        List<String> recipients = recipients(message, message.pending());
        listener.attemptStarted(message.id(), attempt, recipients);
        DeliveryReport report;
        try {
            report = engine.deliverOnce(
                    envelope(message, recipients),
                    spool.content(message.id()),
                    results -> decided(message, results, attempt));
        } catch (IllegalArgumentException e) {
            // Also InvalidMessageException: the stored message or its addresses were changed by hand.
            queue.quarantine(message, "its message cannot be sent: " + e.getMessage());
            return settings.clock().instant();
        } catch (UncheckedIOException e) {
            Instant next = retryLater(message);
            log.error("Cannot read {} from the spool: {}; trying again at {}", message.id(), e.getCause(), next);
            return next;
        }
        decided(message, report.results(), attempt);
        List<RecipientResult> deferred = new ArrayList<>();
        for (RecipientResult result : report.results()) {
            int index = message.indexOf(result.recipient());
            if (result.status() == DeliveryStatus.DEFERRED && index >= 0 && message.isPending(index)) {
                deferred.add(result);
            }
        }
        if (deferred.isEmpty()) {
            return settings.clock().instant();
        }
        return defer(message, deferred, attempt);
    }

    /**
     * Records the recipients that have an outcome now; the others are left for the end of the
     * attempt. Called after each transaction and once with the whole report, so it skips
     * recipients already recorded.
     */
    private void decided(QueuedMessage message, List<RecipientResult> results, int attempt) {
        try {
            List<StateRecord.IndexedResult> fresh = new ArrayList<>();
            // Several domains of one message may finish at the same time; their records go one by one.
            synchronized (message) {
                for (RecipientResult result : results) {
                    int index = message.indexOf(result.recipient());
                    if (result.status() != DeliveryStatus.DEFERRED && index >= 0 && message.isPending(index)) {
                        fresh.add(new StateRecord.IndexedResult(index, withAttempts(result, attempt)));
                    }
                }
                if (fresh.isEmpty()) {
                    return;
                }
                record(message, new StateRecord.Decided(fresh));
            }
            for (StateRecord.IndexedResult indexed : fresh) {
                RecipientResult result = indexed.result();
                log.debug("{}: {}", message.id(), result);
                if (result.status() == DeliveryStatus.DELIVERED) {
                    listener.recipientDelivered(message.id(), result);
                } else {
                    listener.recipientFailed(message.id(), result);
                }
            }
        } catch (RuntimeException e) {
            log.error("Cannot record the outcome of a transaction of {}", message.id(), e);
        }
    }

    private Instant defer(QueuedMessage message, List<RecipientResult> deferred, int attempt) {
        Instant now = settings.clock().instant();
        Instant expiry = message.submitted().plus(settings.schedule().maxLifetime());
        if (!now.isBefore(expiry)) {
            expire(message, deferred, attempt, now);
            return now;
        }
        Instant next = now.plus(backoff.after(attempt));
        if (next.isAfter(expiry)) {
            // The last attempt is made when the lifetime ends.
            next = expiry;
        }
        List<StateRecord.IndexedResult> indexed = new ArrayList<>();
        for (RecipientResult result : deferred) {
            indexed.add(
                    new StateRecord.IndexedResult(message.indexOf(result.recipient()), withAttempts(result, attempt)));
        }
        record(message, new StateRecord.Deferred(attempt, next, indexed));
        for (StateRecord.IndexedResult result : indexed) {
            listener.recipientDeferred(message.id(), result.result(), next);
        }
        log.debug("{}: {} recipients deferred until {}", message.id(), indexed.size(), next);
        return next;
    }

    private void expire(QueuedMessage message, List<RecipientResult> deferred, int attempt, Instant now) {
        List<StateRecord.IndexedResult> expired = new ArrayList<>();
        for (RecipientResult last : deferred) {
            RecipientResult result = new RecipientResult(
                    last.recipient(),
                    DeliveryStatus.FAILED,
                    last.reply(),
                    TIME_EXPIRED,
                    "Gave up after " + DurationWords.of(settings.schedule().maxLifetime())
                            + " in the queue; the last attempt ended: "
                            + last.text(),
                    last.host(),
                    last.address(),
                    last.tls(),
                    last.relayed(),
                    last.outcomeUnknown(),
                    attempt,
                    now);
            expired.add(new StateRecord.IndexedResult(message.indexOf(last.recipient()), result));
        }
        record(message, new StateRecord.Decided(expired));
        for (StateRecord.IndexedResult indexed : expired) {
            log.info(
                    "{}: {} expired after {} attempts",
                    message.id(),
                    indexed.result().recipient(),
                    attempt);
            listener.recipientExpired(message.id(), indexed.result());
        }
    }

    private void finish(QueuedMessage message, @Nullable Instant next) {
        if (message.finished()) {
            queue.complete(message);
            return;
        }
        Instant now = settings.clock().instant();
        if (next == null || !next.isAfter(now)) {
            // Only a notification that could not be stored is left; try it again later.
            next = retryLater(message);
        }
        queue.reschedule(message, next);
    }

    // Writes a state change, then applies it; a failed write is logged and the change kept in memory.
    private void record(QueuedMessage message, StateRecord record) {
        try {
            spool.append(message.id(), record);
        } catch (IOException e) {
            log.error(
                    "Cannot record a state change of {} in the spool: {}; after a restart its recipients may be "
                            + "sent the message again",
                    message.id(),
                    e.toString());
        }
        message.apply(record);
    }

    private Instant retryLater(QueuedMessage message) {
        return settings.clock().instant().plus(backoff.after(message.attempts() + 1));
    }

    private static Envelope envelope(QueuedMessage message, List<String> recipients) {
        Envelope original = message.envelope();
        return new Envelope(original.reversePath(), recipients, original.dsn());
    }

    private static List<String> recipients(QueuedMessage message, List<Integer> indexes) {
        return indexes.stream().map(message::recipient).toList();
    }

    private static RecipientResult withAttempts(RecipientResult result, int attempts) {
        return new RecipientResult(
                result.recipient(),
                result.status(),
                result.reply(),
                result.enhancedCode(),
                result.text(),
                result.host(),
                result.address(),
                result.tls(),
                result.relayed(),
                result.outcomeUnknown(),
                attempts,
                result.completed());
    }
}

package io.github.directdelivery.internal.queue;

import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.QueueListener;
import io.github.directdelivery.QueueStats;
import io.github.directdelivery.internal.delivery.DeliveryEngine;
import io.github.directdelivery.internal.message.MessageContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable queue: messages are stored in a spool before {@link #submit} returns, then delivered by
 * workers on the retry schedule until every recipient is delivered, failed or expired, with a
 * delivery status notification to the sender for the failures.
 */
public final class DeliveryQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryQueue.class);

    private final DeliveryEngine engine;
    private final Spool spool;
    private final QueueSettings settings;
    private final QueueListener listener;
    private final Map<QueueId, QueuedMessage> messages = new ConcurrentHashMap<>();
    private final QueueIds ids = new QueueIds();
    private final Dispatcher dispatcher;
    private final Attempts attempts;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger quarantined = new AtomicInteger();
    private final AtomicBoolean clientClosedReported = new AtomicBoolean();

    /** Creates a queue over a spool; {@link #start()} loads what the spool contains and begins delivering. */
    public DeliveryQueue(DeliveryEngine engine, Spool spool, QueueSettings settings) {
        this.engine = engine;
        this.spool = spool;
        this.settings = settings;
        this.listener = new SafeQueueListener(settings.listener());
        Backoff backoff = new Backoff(settings.schedule(), settings.random());
        Notifier notifier = new Notifier(this, engine, spool, settings, listener);
        this.attempts = new Attempts(this, engine, spool, settings, backoff, notifier, listener);
        this.dispatcher = new Dispatcher(
                settings.scheduler(), settings.workers(), settings.clock(), settings.concurrency(), attempts::run);
    }

    /**
     * Loads every message left in the spool and schedules it: at once, or at the next attempt time
     * it recorded. Files that cannot be read are quarantined.
     *
     * @throws IOException if the spool directory cannot be listed
     */
    public void start() throws IOException {
        quarantined.set(spool.quarantinedCount());
        List<StoredMessage> stored = new ArrayList<>(spool.load(this::reportQuarantined));
        stored.sort(
                Comparator.comparing((StoredMessage message) -> message.header().submitted())
                        .thenComparing(message -> message.header().id().value()));
        Instant now = settings.clock().instant();
        for (StoredMessage message : stored) {
            resume(message, now);
        }
        if (!messages.isEmpty()) {
            log.info("Resumed {} queued messages from the spool {}", messages.size(), spool.location());
        }
    }

    private void resume(StoredMessage stored, Instant now) throws IOException {
        QueueId id = stored.header().id();
        QueuedMessage message;
        try {
            message = QueuedMessage.restore(stored);
        } catch (CorruptSpoolFileException e) {
            reportQuarantined(spool.quarantine(id, e.reason()), e.reason());
            return;
        }
        messages.put(id, message);
        List<Integer> pending = message.pending();
        listener.resumed(id, pending.stream().map(message::recipient).toList());
        Instant next = message.nextAttempt();
        dispatcher.schedule(message, next == null || next.isBefore(now) ? now : next);
    }

    /**
     * Stores a message and schedules its delivery; see {@code DurableDelivery#submit}.
     *
     * @throws IllegalStateException if the queue is closed
     */
    public QueueId submit(Envelope envelope, MessageSource message) {
        checkOpen();
        if (engine.isClosed()) {
            throw new IllegalStateException("The client of the queue on the spool " + spool.location()
                    + " is closed, so it cannot deliver this message. Close the queue before its client.");
        }
        MessageContent content = engine.prepareForQueue(envelope, message);
        try {
            return store(envelope, content);
        } catch (IOException e) {
            checkOpen();
            throw new UncheckedIOException(
                    "Cannot store the message in the spool " + spool.location() + ": " + e.getMessage(), e);
        }
    }

    /** Stores a prepared message durably, then schedules it for now. */
    QueueId store(Envelope envelope, MessageContent content) throws IOException {
        Instant now = settings.clock().instant();
        QueueId id = ids.next(now);
        MessageHeader header = new MessageHeader(id, now, envelope);
        spool.store(header, content);
        QueuedMessage queued = new QueuedMessage(header);
        messages.put(id, queued);
        listener.submitted(id, envelope);
        dispatcher.schedule(queued, now);
        return id;
    }

    /** Returns counts and the oldest message's age; see {@code DurableDelivery#stats}. */
    public QueueStats stats() {
        int count = 0;
        int pending = 0;
        int inFlight = 0;
        @Nullable Instant oldest = null;
        for (QueuedMessage message : messages.values()) {
            count++;
            pending += message.pending().size();
            if (message.inFlight()) {
                inFlight++;
            }
            if (oldest == null || message.submitted().isBefore(oldest)) {
                oldest = message.submitted();
            }
        }
        Duration age = oldest == null
                ? Duration.ZERO
                : Duration.between(oldest, settings.clock().instant());
        return new QueueStats(count, pending, inFlight, age.isNegative() ? Duration.ZERO : age, quarantined.get());
    }

    /**
     * Waits until no message is due for an attempt and none is being delivered; see {@code
     * DurableDelivery#awaitIdle}.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return dispatcher.awaitIdle(timeout);
    }

    /** Returns a unique string for notifications' Message-IDs and MIME boundaries. */
    String unique() {
        return ids.unique();
    }

    /** Schedules the next attempt of a message that is not finished. */
    void reschedule(QueuedMessage message, Instant due) {
        dispatcher.schedule(message, due);
    }

    /** Removes a message whose every recipient has an outcome. */
    void complete(QueuedMessage message) {
        try {
            spool.delete(message.id());
        } catch (IOException e) {
            log.warn(
                    "Cannot delete the spool file of the finished message {}: {}; the next start deletes it",
                    message.id(),
                    e.toString());
        }
        forget(message);
        listener.completed(message.id());
    }

    /** Drops a message from memory, such as one whose spool file disappeared. */
    void forget(QueuedMessage message) {
        message.markRemoved();
        messages.remove(message.id());
    }

    /**
     * Leaves a message in the spool without scheduling it again, because the client it is
     * delivered through is closed. The first time, a warning names the spool.
     */
    void parkForClosedClient(QueuedMessage message) {
        if (clientClosedReported.compareAndSet(false, true)) {
            log.warn(
                    "The client of the queue on the spool {} was closed before the queue; its messages stay in the "
                            + "spool and are delivered at the next start. Close the queue before its client",
                    spool.location());
        }
        listener.parked(message.id());
    }

    /** Moves a message that cannot be delivered out of the queue and into the quarantine. */
    void quarantine(QueuedMessage message, String reason) {
        forget(message);
        try {
            reportQuarantined(spool.quarantine(message.id(), reason), reason);
        } catch (IOException e) {
            log.error(
                    "Cannot move the spool file of {} to the quarantine ({}): {}; it is not delivered until the next "
                            + "start",
                    message.id(),
                    reason,
                    e.toString());
        }
    }

    private void reportQuarantined(String file, String reason) {
        quarantined.incrementAndGet();
        log.error(
                "Quarantined the spool file {}: {}. Its message is not delivered; inspect the file in the quarantine "
                        + "directory of {} and delete it",
                file,
                reason,
                spool.location());
        listener.quarantined(file, reason);
    }

    /**
     * Stops the queue: no new attempts start, running ones get the shutdown timeout to finish,
     * pending mail optionally goes to the fallback relay, and the spool is released. Messages still
     * being delivered after the timeout are parked: they stay in the spool for the next start.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        dispatcher.stop();
        boolean idle;
        try {
            idle = dispatcher.awaitNoneRunning(settings.shutdownTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        if (settings.relayPendingOnClose() && !engine.isClosed()) {
            relayPending();
        }
        if (!idle) {
            List<QueueId> parked = messages.values().stream()
                    .filter(QueuedMessage::inFlight)
                    .map(QueuedMessage::id)
                    .toList();
            log.warn(
                    "{} deliveries were still running {} after the queue was asked to stop; their messages stay in "
                            + "the spool and are delivered again at the next start to recipients without an outcome",
                    parked.size(),
                    settings.shutdownTimeout());
            parked.forEach(listener::parked);
        }
        spool.close();
    }

    // Hands every waiting message to the relay once, including notifications queued meanwhile.
    private void relayPending() {
        Set<QueueId> tried = new HashSet<>();
        while (true) {
            List<QueuedMessage> waiting = messages.values().stream()
                    .filter(message -> !message.inFlight() && !tried.contains(message.id()))
                    .filter(message -> !message.pending().isEmpty())
                    .sorted(Comparator.comparing(QueuedMessage::submitted))
                    .toList();
            if (waiting.isEmpty()) {
                return;
            }
            for (QueuedMessage message : waiting) {
                tried.add(message.id());
                attempts.relay(message);
            }
        }
    }

    /** Returns whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The queue is closed; it accepts no more messages");
        }
    }
}

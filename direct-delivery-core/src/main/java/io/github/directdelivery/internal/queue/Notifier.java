package io.github.directdelivery.internal.queue;

import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.QueueListener;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.internal.address.Mailbox;
import io.github.directdelivery.internal.delivery.DeliveryEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifies a message's sender of failed, expired and long-delayed recipients. It writes a delivery
 * status notification and queues it like any other message, from the null reverse-path to the
 * original reverse-path, so the same client and queue deliver and retry it.
 *
 * <p>The notification is stored before the original message records that it was sent, so a crash
 * in between can send it twice but never loses it.
 */
final class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    /** The maximum number of header bytes quoted back to the sender; a longer header is cut at a line end. */
    private static final int MAX_QUOTED_HEADER = 64 * 1024;

    private final DeliveryQueue queue;
    private final DeliveryEngine engine;
    private final Spool spool;
    private final QueueSettings settings;
    private final QueueListener listener;

    Notifier(DeliveryQueue queue, DeliveryEngine engine, Spool spool, QueueSettings settings, QueueListener listener) {
        this.queue = queue;
        this.engine = engine;
        this.spool = spool;
        this.settings = settings;
        this.listener = listener;
    }

    /** Queues a failure notice for failed and expired recipients not reported yet. */
    void notifyFailures(QueuedMessage message) {
        List<Integer> failed = message.unreportedFailures();
        if (!failed.isEmpty()) {
            send(message, DsnOptions.Notify.FAILURE, failed, null);
        }
    }

    /** Queues a delay notice once, when the message has waited as long as configured. */
    void notifyDelay(QueuedMessage message) {
        Duration after = settings.delayNoticeAfter();
        if (after == null || message.delayNoticeSent() || !message.wantsNotice(DsnOptions.Notify.DELAY)) {
            return;
        }
        if (settings.clock().instant().isBefore(message.submitted().plus(after))) {
            return;
        }
        List<Integer> tried = new ArrayList<>();
        for (int index : message.pending()) {
            if (message.latest(index) != null) {
                tried.add(index);
            }
        }
        if (!tried.isEmpty()) {
            send(
                    message,
                    DsnOptions.Notify.DELAY,
                    tried,
                    message.submitted().plus(settings.schedule().maxLifetime()));
        }
    }

    private void send(
            QueuedMessage message, DsnOptions.Notify kind, List<Integer> indexes, @Nullable Instant retryUntil) {
        List<RecipientResult> results = new ArrayList<>();
        for (int index : indexes) {
            RecipientResult latest = message.latest(index);
            if (latest != null) {
                results.add(latest);
            }
        }
        List<String> recipients = indexes.stream().map(message::recipient).toList();
        try {
            Envelope original = message.envelope();
            NotificationMessage.Report report = new NotificationMessage.Report(
                    engine.heloName(),
                    kind,
                    original,
                    message.submitted(),
                    results,
                    retryUntil,
                    settings.clock().instant(),
                    settings.clock().getZone(),
                    queue.unique());
            byte[] bytes = NotificationMessage.write(report, quotedHeader(spool.content(message.id())));
            // RFC 3464 §2 and RFC 5321 §4.5.5: a notification is sent with the null reverse-path.
            Envelope envelope =
                    Envelope.of("", Mailbox.parse(original.reversePath()).toString());
            QueueId notification =
                    queue.store(envelope, engine.prepareForQueue(envelope, MessageSource.ofBytes(bytes)));
            StateRecord.Notified record = new StateRecord.Notified(kind, indexes, notification);
            spool.append(message.id(), record);
            message.apply(record);
            log.info(
                    "{}: queued {} notice {} to {} about {}",
                    message.id(),
                    kind,
                    notification,
                    original.reversePath(),
                    recipients);
            listener.notificationQueued(message.id(), kind, recipients, notification);
        } catch (IOException e) {
            log.error(
                    "Cannot queue the {} notice about {} for {}: {}; trying again later",
                    kind,
                    recipients,
                    message.id(),
                    e.toString());
        } catch (RuntimeException e) {
            log.error(
                    "Cannot queue the {} notice about {} for {}; trying again later",
                    kind,
                    recipients,
                    message.id(),
                    e);
        }
    }

    // The header section up to the empty line, with whole lines only.
    private static byte[] quotedHeader(MessageSource content) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = content.open()) {
            int b;
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b != '\n') {
                    continue;
                }
                // The spool stores CRLF line endings, so an empty line is exactly CR LF.
                if (line.size() <= 2 || header.size() + line.size() > MAX_QUOTED_HEADER) {
                    break;
                }
                line.writeTo(header);
                line.reset();
            }
        }
        return header.toByteArray();
    }
}

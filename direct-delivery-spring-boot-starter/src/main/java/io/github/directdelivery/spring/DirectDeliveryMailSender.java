package io.github.directdelivery.spring;

import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.jakarta.DirectDeliverySendFailedException;
import io.github.directdelivery.jakarta.MimeMessageSources;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMailMessage;

/**
 * A {@link JavaMailSender} that delivers each message directly to its recipients' MX hosts, with no
 * relay, either at once through a {@link DirectDelivery} client ({@link DeliveryMode#SEND}) or
 * through the durable spool of a {@link DurableDelivery} ({@link DeliveryMode#SUBMIT}).
 *
 * <p>Each message is written 7-bit-safe and without its Bcc field, and its envelope is taken from
 * the message: the reverse-path from Sender or From (or the default sender), the recipients from
 * To, Cc and Bcc. Messages are handed over one after another.
 *
 * <p><b>Send mode.</b> Each message is delivered with a synchronous {@link DirectDelivery#send},
 * so a call returns when every message has its outcome. A message counts as failed unless every
 * recipient was delivered, because nothing tries deferred recipients again later. A failed message
 * that was attempted maps to a {@link DirectDeliverySendFailedException} whose {@code report()}
 * gives each recipient's outcome.
 *
 * <p><b>Submit mode.</b> Each message is stored with {@link DurableDelivery#submit}, so a call
 * returns once every message is on disk in the spool, before any delivery. Success means accepted
 * for delivery, not delivered: the spool's workers deliver the message, retry deferred recipients
 * for days, and send the sender a delivery status notification for recipients that fail or
 * expire. Observe the outcomes with a {@link io.github.directdelivery.QueueListener} bean. A
 * message fails here only when the spool did not store it, and then nothing of it was queued.
 *
 * <p>In both modes, after the last message, a {@link MailSendException} lists the failed ones in
 * {@link MailSendException#getFailedMessages()}, each keyed by the message the caller passed. A
 * message that could not be handed over maps to the exception that stopped it. That is a
 * {@link MessagingException} for a message without recipients or with an address field that cannot
 * be parsed, and an {@link IllegalArgumentException} for an address the client rejects or a message
 * that cannot be sent as it is. It is an {@link UncheckedIOException} when the message cannot be
 * written or the spool cannot store it (such as on a full disk), and an
 * {@link IllegalStateException} when the client or the spool is closed.
 *
 * <p>Thread-safe when the client or the spool is, as {@link DirectDelivery} and
 * {@link DurableDelivery} are.
 */
public final class DirectDeliveryMailSender implements JavaMailSender {

    private static final Logger log = LoggerFactory.getLogger(DirectDeliveryMailSender.class);

    private final DeliveryMode mode;
    private final Handover handover;
    private final @Nullable String defaultSender;
    private final Session session;

    /**
     * Creates a sender in send mode, which delivers each message at once through {@code client}.
     *
     * @param defaultSender the reverse-path of messages that have no Sender or From field, or null
     *     to fail such messages
     */
    public DirectDeliveryMailSender(DirectDelivery client, @Nullable String defaultSender) {
        this(DeliveryMode.SEND, sendThrough(Objects.requireNonNull(client, "client")), defaultSender);
    }

    /**
     * Creates a sender in submit mode, which stores each message in {@code spool} and returns.
     *
     * @param defaultSender the reverse-path of messages that have no Sender or From field, or null
     *     to fail such messages
     */
    public DirectDeliveryMailSender(DurableDelivery spool, @Nullable String defaultSender) {
        this(DeliveryMode.SUBMIT, submitTo(Objects.requireNonNull(spool, "spool")), defaultSender);
    }

    private DirectDeliveryMailSender(DeliveryMode mode, Handover handover, @Nullable String defaultSender) {
        this.mode = mode;
        this.handover = handover;
        this.defaultSender = defaultSender;
        // The session only backs new messages; no Transport is ever taken from it.
        this.session = Session.getInstance(new Properties());
    }

    /** Returns whether this sender delivers each message at once or submits it to the spool. */
    public DeliveryMode mode() {
        return mode;
    }

    @Override
    public MimeMessage createMimeMessage() {
        return new MimeMessage(session);
    }

    /**
     * Creates a message from its RFC 5322 form.
     *
     * @throws MailParseException if the stream cannot be read or parsed
     */
    @Override
    public MimeMessage createMimeMessage(InputStream contentStream) throws MailException {
        try {
            return new MimeMessage(session, contentStream);
        } catch (MessagingException e) {
            throw new MailParseException("Cannot parse the message: " + e.getMessage(), e);
        }
    }

    /**
     * Delivers each message directly, or in submit mode stores it in the spool.
     *
     * @throws MailSendException after the last message, if any of them was not delivered to every
     *     recipient, or in submit mode not stored
     */
    @Override
    public void send(MimeMessage... mimeMessages) throws MailException {
        Map<Object, Exception> failed = new LinkedHashMap<>();
        for (MimeMessage message : mimeMessages) {
            Exception failure = handOver(message);
            if (failure != null) {
                failed.put(message, failure);
            }
        }
        throwIfFailed(failed);
    }

    /**
     * Delivers each message directly, or in submit mode stores it in the spool, as a MIME message
     * built from its fields.
     *
     * @throws MailSendException after the last message, if any of them was not delivered to every
     *     recipient (in submit mode not stored), or a field could not be set
     */
    @Override
    public void send(SimpleMailMessage... simpleMessages) throws MailException {
        Map<Object, Exception> failed = new LinkedHashMap<>();
        for (SimpleMailMessage simple : simpleMessages) {
            MimeMessage message = createMimeMessage();
            Exception failure;
            try {
                simple.copyTo(new MimeMailMessage(message));
                failure = handOver(message);
            } catch (MailParseException e) {
                failure = e;
            }
            if (failure != null) {
                failed.put(simple, failure);
            }
        }
        throwIfFailed(failed);
    }

    private @Nullable Exception handOver(MimeMessage message) {
        try {
            // The envelope comes first: it needs the Bcc recipients, which the written bytes leave out.
            Envelope envelope = MimeMessageSources.envelopeOf(message, defaultSender);
            MessageSource source = MimeMessageSources.of(message);
            return handover.handOver(envelope, source);
        } catch (MessagingException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            log.debug("The message could not be handed over: {}", e.toString());
            return e;
        }
    }

    private static Handover sendThrough(DirectDelivery client) {
        return (envelope, source) -> {
            DeliveryReport report = client.send(envelope, source);
            return report.allDelivered() ? null : new DirectDeliverySendFailedException(report);
        };
    }

    private static Handover submitTo(DurableDelivery spool) {
        return (envelope, source) -> {
            QueueId id = spool.submit(envelope, source);
            log.debug("Stored the message in the spool as {}", id);
            return null;
        };
    }

    private static void throwIfFailed(Map<Object, Exception> failed) {
        if (!failed.isEmpty()) {
            throw new MailSendException(failed);
        }
    }

    /** Hands one message over, returning why it failed or null. */
    @FunctionalInterface
    private interface Handover {
        @Nullable
        Exception handOver(Envelope envelope, MessageSource source);
    }
}

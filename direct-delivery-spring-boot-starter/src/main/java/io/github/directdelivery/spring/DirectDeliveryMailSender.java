package io.github.directdelivery.spring;

import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
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
 * A {@link JavaMailSender} that delivers each message directly to its recipients' MX hosts
 * through a {@link DirectDelivery} client, with no relay.
 *
 * <p>Each message is written 7-bit-safe and without its Bcc field, and its envelope is taken from
 * the message: the reverse-path from Sender or From (or the default sender), the recipients from
 * To, Cc and Bcc. Messages are delivered one after another, each with a synchronous
 * {@link DirectDelivery#send}, so a call returns when every message has its outcome.
 *
 * <p>A message counts as failed unless every recipient was delivered, because this sender has no
 * queue that would try deferred recipients again later. After the last message, a
 * {@link MailSendException} lists the failed ones in {@link MailSendException#getFailedMessages()},
 * each keyed by the message the caller passed. A message that was attempted maps to a
 * {@link DirectDeliverySendFailedException} whose {@code report()} gives each recipient's outcome.
 * A message that could not be attempted maps to the exception that stopped it, such as a
 * {@link MessagingException} for a message without recipients or an
 * {@link IllegalArgumentException} for a malformed address.
 *
 * <p>Thread-safe when the client is, as {@link DirectDelivery} is.
 */
public final class DirectDeliveryMailSender implements JavaMailSender {

    private static final Logger log = LoggerFactory.getLogger(DirectDeliveryMailSender.class);

    private final DirectDelivery client;
    private final @Nullable String defaultSender;
    private final Session session;

    /**
     * Creates the sender.
     *
     * @param defaultSender the reverse-path of messages that have no Sender or From field, or null
     *     to fail such messages
     */
    public DirectDeliveryMailSender(DirectDelivery client, @Nullable String defaultSender) {
        this.client = Objects.requireNonNull(client, "client");
        this.defaultSender = defaultSender;
        // The session only backs new messages; no Transport is ever taken from it.
        this.session = Session.getInstance(new Properties());
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
     * Delivers each message directly.
     *
     * @throws MailSendException after the last message, if any of them was not delivered to every
     *     recipient
     */
    @Override
    public void send(MimeMessage... mimeMessages) throws MailException {
        Map<Object, Exception> failed = new LinkedHashMap<>();
        for (MimeMessage message : mimeMessages) {
            Exception failure = deliver(message);
            if (failure != null) {
                failed.put(message, failure);
            }
        }
        throwIfFailed(failed);
    }

    /**
     * Delivers each message directly, as a MIME message built from its fields.
     *
     * @throws MailSendException after the last message, if any of them was not delivered to every
     *     recipient or a field could not be set
     */
    @Override
    public void send(SimpleMailMessage... simpleMessages) throws MailException {
        Map<Object, Exception> failed = new LinkedHashMap<>();
        for (SimpleMailMessage simple : simpleMessages) {
            MimeMessage message = createMimeMessage();
            Exception failure;
            try {
                simple.copyTo(new MimeMailMessage(message));
                failure = deliver(message);
            } catch (MailParseException e) {
                failure = e;
            }
            if (failure != null) {
                failed.put(simple, failure);
            }
        }
        throwIfFailed(failed);
    }

    private @Nullable Exception deliver(MimeMessage message) {
        try {
            // The envelope comes first: it needs the Bcc recipients, which the written bytes leave out.
            Envelope envelope = MimeMessageSources.envelopeOf(message, defaultSender);
            MessageSource source = MimeMessageSources.of(message);
            DeliveryReport report = client.send(envelope, source);
            if (report.allDelivered()) {
                return null;
            }
            return new DirectDeliverySendFailedException(report);
        } catch (MessagingException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            log.debug("The message could not be sent: {}", e.toString());
            return e;
        }
    }

    private static void throwIfFailed(Map<Object, Exception> failed) {
        if (!failed.isEmpty()) {
            throw new MailSendException(failed);
        }
    }
}

package io.github.directdelivery.jakarta;

import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.jakarta.internal.mime.MessageWriter;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns Jakarta Mail messages into what the core client sends: the message bytes and the SMTP
 * envelope.
 *
 * <pre>{@code
 * Envelope envelope = MimeMessageSources.envelopeOf(message, "bounces@example.com");
 * MessageSource source = MimeMessageSources.of(message);
 * DeliveryReport report = client.send(envelope, source);
 * }</pre>
 *
 * <p>Take the envelope first if it should come from the message: it needs the message's Bcc
 * recipients, and the written bytes leave the Bcc field out.
 */
public final class MimeMessageSources {

    private MimeMessageSources() {}

    /**
     * Writes {@code message} as the bytes to deliver and returns a source over them.
     *
     * <p>Before writing, every body part gets a transfer encoding under which it is 7-bit data with
     * lines of at most 998 octets: parts with 8-bit bytes or longer lines are re-encoded as
     * quoted-printable (text that is mostly ASCII) or base64 (anything else), and parts that already
     * qualify keep their bytes. Signed and encrypted multiparts and {@code message/*} parts other
     * than {@code message/rfc822} are left as they are. Then {@code saveChanges()} is called once,
     * keeping a Message-ID the message already has, and the message is written without its
     * {@code Bcc}, {@code Resent-Bcc} and {@code Content-Length} fields. A DKIM signature computed
     * later over the source therefore covers exactly the bytes that are sent.
     *
     * <p>The message object is changed: its parts get their new encodings and its headers are saved.
     * Its Bcc field stays, so {@link #envelopeOf} still finds those recipients. Header fields are
     * written as Jakarta Mail writes them: values set through {@code setSubject} or an
     * {@link InternetAddress} with a personal name are RFC 2047 encoded words, while raw non-ASCII
     * header text stays 8-bit and needs a server that supports SMTPUTF8.
     *
     * <p>The written message is held in memory; the returned source reads that copy on each pass.
     *
     * @throws MessagingException if the message cannot be changed (for example a message of a
     *     read-only folder), has a part whose content cannot be read or whose transfer encoding
     *     Jakarta Mail does not know, or cannot be written
     */
    public static MessageSource of(MimeMessage message) throws MessagingException {
        byte[] bytes = MessageWriter.write(message);
        return () -> new ByteArrayInputStream(bytes);
    }

    /**
     * Returns the SMTP envelope the message's own header fields describe.
     *
     * <p>The reverse-path (where bounces go) is the address of the {@code Sender} field, else the
     * first address of the {@code From} field, else {@code defaultSender}. The recipients are every
     * address of the {@code To}, {@code Cc} and {@code Bcc} fields, with group members listed one by
     * one; newsgroups are left out.
     *
     * @param defaultSender the reverse-path for a message without Sender and From, or {@code "<>"}
     *     for the null reverse-path; null to require one in the message
     * @throws SendFailedException if the message has no recipient address
     * @throws MessagingException if it has no sender address and {@code defaultSender} is null, or an
     *     address field cannot be parsed
     */
    public static Envelope envelopeOf(MimeMessage message, @Nullable String defaultSender) throws MessagingException {
        String sender = senderOf(message, defaultSender);
        List<String> recipients = new ArrayList<>();
        Address[] all = message.getAllRecipients();
        if (all != null) {
            for (Address address : all) {
                if (address instanceof InternetAddress internet) {
                    addExpanded(internet, recipients);
                }
            }
        }
        if (recipients.isEmpty()) {
            throw new SendFailedException("No recipient addresses: the message has no To, Cc or Bcc address");
        }
        return Envelope.of(sender, recipients);
    }

    /**
     * Returns the Sender address, else the first From address, else {@code defaultSender}.
     *
     * @throws MessagingException if there is none of them, or an address field cannot be parsed
     */
    static String senderOf(MimeMessage message, @Nullable String defaultSender) throws MessagingException {
        Address sender = message.getSender();
        if (sender instanceof InternetAddress internet && !internet.isGroup()) {
            return internet.getAddress();
        }
        Address[] from = message.getFrom();
        if (from != null) {
            for (Address address : from) {
                if (address instanceof InternetAddress internet && !internet.isGroup()) {
                    return internet.getAddress();
                }
            }
        }
        if (defaultSender != null) {
            return defaultSender;
        }
        throw new MessagingException(
                "The message has no Sender or From address to send bounces to; set one, or give a default sender");
    }

    /**
     * Adds the address, or each member of a group (RFC 5322 §3.4), such as the empty
     * {@code undisclosed-recipients:;}.
     */
    static void addExpanded(InternetAddress address, List<String> recipients) throws MessagingException {
        if (!address.isGroup()) {
            recipients.add(address.getAddress());
            return;
        }
        InternetAddress[] members = address.getGroup(false);
        if (members != null) {
            for (InternetAddress member : members) {
                recipients.add(member.getAddress());
            }
        }
    }
}

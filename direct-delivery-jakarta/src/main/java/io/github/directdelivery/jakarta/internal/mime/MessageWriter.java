package io.github.directdelivery.jakarta.internal.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Writes a MIME message as the bytes to send: 7-bit body parts, saved once, without Bcc. */
public final class MessageWriter {

    /**
     * Header fields left out of the written message. Bcc and Resent-Bcc name recipients the others
     * must not see (RFC 5322 §3.6.3). Content-Length, a field of some mailbox formats, would be
     * wrong after re-encoding.
     */
    private static final String[] OMITTED_FIELDS = {"Bcc", "Resent-Bcc", "Content-Length"};

    private MessageWriter() {}

    /**
     * Converts the message's body parts to 7-bit data ({@link SevenBitConverter}), calls
     * {@code saveChanges()} once and writes the message without its Bcc fields. A Message-ID the
     * message already has is put back after {@code saveChanges()}, which replaces it.
     *
     * @return the message in RFC 5322 form, every line ending in CRLF
     * @throws MessagingException if the message cannot be converted, saved or written, or the content
     *     of a part cannot be read
     */
    public static byte[] write(MimeMessage message) throws MessagingException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            SevenBitConverter.convert(message);
            String[] messageIds = message.getHeader("Message-ID");
            message.saveChanges();
            if (messageIds != null) {
                SevenBitConverter.restoreHeader(message, "Message-ID", messageIds);
            }
            message.writeTo(new CrlfOutputStream(output), OMITTED_FIELDS);
        } catch (IOException e) {
            throw new MessagingException("Cannot read the content of the message: " + e.getMessage(), e);
        }
        return output.toByteArray();
    }
}

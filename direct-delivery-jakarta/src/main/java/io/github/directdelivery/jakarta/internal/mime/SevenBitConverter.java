package io.github.directdelivery.jakarta.internal.mime;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.BodyPart;
import jakarta.mail.EncodingAware;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.ParseException;
import jakarta.mail.internet.PreencodedMimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every body part of a MIME message a transfer encoding under which it is 7-bit data with
 * lines of at most 998 octets, so that any SMTP server accepts the message without 8BITMIME and
 * without rewriting it.
 *
 * <p>A part that already is such data keeps its bytes; only an {@code 8bit} or {@code binary}
 * label becomes {@code 7bit}. A part with 8-bit bytes, NUL bytes or longer lines is re-encoded:
 * text in which most bytes are ASCII as quoted-printable, anything else as base64. Non-text content
 * with a bare CR or LF is re-encoded as base64 too, because SMTP would turn those into CRLF.
 *
 * <p>Left as they are, with any 8-bit content they hold: {@code multipart/signed} and
 * {@code multipart/encrypted} (re-encoding would break the signature), {@code message/*} parts other
 * than {@code message/rfc822} (RFC 2046 §5.2 allows them no encoding but 7bit, 8bit and binary),
 * {@link PreencodedMimeBodyPart}s, and multiparts that cannot be parsed. A {@code message/rfc822}
 * part is converted inside and keeps its Message-ID and Date.
 *
 * <p>The conversion changes the message's parts in place. Header fields are not changed here.
 */
public final class SevenBitConverter {

    static final String QUOTED_PRINTABLE = "quoted-printable";
    static final String BASE64 = "base64";
    private static final String SEVEN_BIT = "7bit";
    private static final String TRANSFER_ENCODING = "Content-Transfer-Encoding";
    private static final String CONTENT_TYPE = "Content-Type";

    private static final Logger log = LoggerFactory.getLogger(SevenBitConverter.class);

    private SevenBitConverter() {}

    /**
     * Converts every body part of {@code message}. The caller then calls {@code saveChanges()}, so
     * that the part headers are updated.
     *
     * @return whether every body part is now 7-bit. It is false when a part was left as it is (see
     *     the class description), which may still contain 8-bit data.
     * @throws MessagingException if a part cannot be read or changed, for example in a read-only
     *     folder, or has a transfer encoding Jakarta Mail cannot decode
     * @throws IOException if the content of a part cannot be read
     */
    public static boolean convert(MimeMessage message) throws MessagingException, IOException {
        return convertPart(message).sevenBit();
    }

    /**
     * The result of converting a part.
     *
     * @param changed whether the part or a part inside it was changed
     * @param sevenBit whether the part is now 7-bit data; false also when that is not known
     */
    private record Outcome(boolean changed, boolean sevenBit) {
        static final Outcome UNTOUCHED = new Outcome(false, false);
        static final Outcome SAFE = new Outcome(false, true);
        static final Outcome CONVERTED = new Outcome(true, true);
    }

    /** Replaces the content of a composite part with its converted object. */
    @FunctionalInterface
    private interface Reattachment {
        void run() throws MessagingException;
    }

    private static Outcome convertPart(MimePart part) throws MessagingException, IOException {
        if (part instanceof PreencodedMimeBodyPart) {
            return Outcome.UNTOUCHED;
        }
        String typeText = contentTypeText(part);
        ContentType type = parse(typeText);
        // RFC 1847: signed and encrypted content must reach the recipient byte for byte.
        if (type.match("multipart/signed") || type.match("multipart/encrypted")) {
            return Outcome.UNTOUCHED;
        }
        if (type.match("multipart/*")) {
            return convertMultipart(part);
        }
        if (type.match("message/rfc822")) {
            return convertEncapsulated(part, typeText);
        }
        if (type.getPrimaryType().equalsIgnoreCase("message")) {
            return Outcome.UNTOUCHED;
        }
        return convertLeaf(part, type.match("text/*"), typeText);
    }

    private static Outcome convertMultipart(MimePart part) throws MessagingException, IOException {
        Multipart multipart;
        int count;
        try {
            if (!(part.getContent() instanceof Multipart content)) {
                return Outcome.UNTOUCHED;
            }
            multipart = content;
            count = multipart.getCount();
        } catch (MessagingException e) {
            log.debug("Sending a multipart as it is, because it cannot be parsed: {}", e.getMessage());
            return Outcome.UNTOUCHED;
        }

        boolean changed = false;
        boolean sevenBit = true;
        for (int i = 0; i < count; i++) {
            BodyPart body = multipart.getBodyPart(i);
            Outcome outcome = body instanceof MimePart mime ? convertPart(mime) : Outcome.UNTOUCHED;
            changed |= outcome.changed();
            sevenBit &= outcome.sevenBit();
        }
        return settleComposite(part, new Outcome(changed, sevenBit), () -> part.setContent(multipart));
    }

    private static Outcome convertEncapsulated(MimePart part, String typeText) throws MessagingException, IOException {
        MimeMessage nested;
        try {
            if (!(part.getContent() instanceof MimeMessage content)) {
                return Outcome.UNTOUCHED;
            }
            nested = content;
        } catch (MessagingException e) {
            log.debug("Sending an encapsulated message as it is, because it cannot be parsed: {}", e.getMessage());
            return Outcome.UNTOUCHED;
        }

        Outcome inner = convertPart(nested);
        if (inner.changed()) {
            saveKeepingIdentity(nested);
        }
        return settleComposite(part, inner, () -> part.setContent(nested, typeText));
    }

    /**
     * Gives a composite part its converted content. A parsed part would otherwise write its
     * original bytes, whatever changed inside it.
     */
    private static Outcome settleComposite(MimePart part, Outcome inner, Reattachment reattachment)
            throws MessagingException {
        String label = part.getEncoding();
        if (inner.changed()) {
            // Setting the content removes the transfer encoding, which then means 7bit (RFC 2045 §6.1).
            reattachment.run();
            if (!inner.sevenBit() && label != null) {
                part.setHeader(TRANSFER_ENCODING, label);
            }
            return inner;
        }
        if (inner.sevenBit() && isEightBitLabel(label)) {
            part.setHeader(TRANSFER_ENCODING, SEVEN_BIT);
            return Outcome.CONVERTED;
        }
        return inner;
    }

    private static Outcome convertLeaf(MimePart part, boolean text, String typeText)
            throws MessagingException, IOException {
        String label = lowerCase(part.getEncoding());
        DataHandler handler = part.getDataHandler();
        if (handler.getDataSource() instanceof MimePartDataSource) {
            return convertParsed(part, text, label, typeText);
        }
        return convertBuilt(part, handler, text, label);
    }

    /** Converts a part whose content came from a stream and is written as those bytes. */
    private static Outcome convertParsed(MimePart part, boolean text, @Nullable String label, String typeText)
            throws MessagingException, IOException {
        ContentScanner raw = scanRaw(part);
        if (raw != null) {
            if (!isIdentityLabel(label)) {
                if (raw.isSafeEncodedForm()) {
                    return Outcome.SAFE;
                }
            } else if (raw.isSevenBit(text)) {
                if (isEightBitLabel(label)) {
                    part.setHeader(TRANSFER_ENCODING, SEVEN_BIT);
                    return Outcome.CONVERTED;
                }
                return Outcome.SAFE;
            }
        }
        return reencode(part, text, typeText);
    }

    /** Decodes a parsed part and gives it the decoded bytes as new content, in a new encoding. */
    private static Outcome reencode(MimePart part, boolean text, String typeText)
            throws MessagingException, IOException {
        byte[] decoded;
        try (InputStream input = part.getInputStream()) {
            decoded = input.readAllBytes();
        }
        ContentScanner scan = new ContentScanner();
        scan.write(decoded, 0, decoded.length);
        scan.finish();
        String encoding = scan.isSevenBit(text) ? SEVEN_BIT : scan.encodingFor(text);

        // Setting a data handler removes Content-Type and Content-Transfer-Encoding.
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(decoded, typeText)));
        part.setHeader(CONTENT_TYPE, typeText);
        part.setHeader(TRANSFER_ENCODING, encoding);
        return Outcome.CONVERTED;
    }

    /**
     * Converts a part whose content an application set (text, a file, a data source). Jakarta Mail
     * encodes such content when it writes the message, so only the label needs to be chosen.
     */
    private static Outcome convertBuilt(MimePart part, DataHandler handler, boolean text, @Nullable String label)
            throws MessagingException, IOException {
        if (!isIdentityLabel(label)) {
            return Outcome.SAFE;
        }
        DataSource source = handler.getDataSource();
        if (label == null && source instanceof EncodingAware aware) {
            String preferred = lowerCase(aware.getEncoding());
            if (preferred != null && !isIdentityLabel(preferred)) {
                part.setHeader(TRANSFER_ENCODING, preferred);
                return Outcome.CONVERTED;
            }
        }

        ContentScanner scan = new ContentScanner();
        handler.writeTo(scan);
        scan.finish();
        String encoding = scan.isSevenBit(text) ? SEVEN_BIT : scan.encodingFor(text);
        if (encoding.equals(label)) {
            return Outcome.SAFE;
        }
        part.setHeader(TRANSFER_ENCODING, encoding);
        return Outcome.CONVERTED;
    }

    /** Measures the part's content as it would be written, or returns null if it has none of its own. */
    private static @Nullable ContentScanner scanRaw(MimePart part) throws IOException {
        InputStream raw;
        try {
            if (part instanceof MimeBodyPart body) {
                raw = body.getRawInputStream();
            } else if (part instanceof MimeMessage message) {
                raw = message.getRawInputStream();
            } else {
                return null;
            }
        } catch (MessagingException e) {
            return null;
        }
        try (raw) {
            return ContentScanner.scan(raw);
        }
    }

    /** Saves a nested message's changes without giving it a new Message-ID or a Date it did not have. */
    private static void saveKeepingIdentity(MimeMessage message) throws MessagingException {
        String[] messageIds = message.getHeader("Message-ID");
        String[] dates = message.getHeader("Date");
        message.saveChanges();
        restoreHeader(message, "Message-ID", messageIds);
        restoreHeader(message, "Date", dates);
    }

    /** Sets a header field back to the values it had, or removes it if it had none. */
    static void restoreHeader(MimePart part, String name, String @Nullable [] values) throws MessagingException {
        if (values == null || values.length == 0) {
            part.removeHeader(name);
            return;
        }
        part.setHeader(name, values[0]);
        for (int i = 1; i < values.length; i++) {
            part.addHeader(name, values[i]);
        }
    }

    private static String contentTypeText(MimePart part) throws MessagingException {
        String header = part.getHeader(CONTENT_TYPE, null);
        if (header != null) {
            return header;
        }
        String type = part.getDataHandler().getContentType();
        return type != null ? type : "application/octet-stream";
    }

    /** Parses a content type; one that cannot be parsed is treated as opaque data. */
    private static ContentType parse(String typeText) {
        try {
            return new ContentType(typeText);
        } catch (ParseException e) {
            return new ContentType("application", "octet-stream", null);
        }
    }

    /** Returns whether a transfer encoding leaves the bytes as they are (7bit, 8bit, binary or none). */
    private static boolean isIdentityLabel(@Nullable String label) {
        return label == null || label.equals(SEVEN_BIT) || isEightBitLabel(label);
    }

    private static boolean isEightBitLabel(@Nullable String label) {
        return label != null && (label.equalsIgnoreCase("8bit") || label.equalsIgnoreCase("binary"));
    }

    private static @Nullable String lowerCase(@Nullable String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}

package io.github.directdelivery.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.MessageSource;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/** Message fixtures and the checks that compare a sent message with its original. */
final class MimeFixtures {

    /**
     * A session whose {@code mail.host} names this host, so that Jakarta Mail builds Message-IDs
     * without looking up the local host name.
     */
    static final Session SESSION = Session.getInstance(sessionProperties());

    private MimeFixtures() {}

    /** Returns the properties of {@link #SESSION}. */
    static Properties sessionProperties() {
        Properties properties = new Properties();
        properties.setProperty("mail.host", FakeInternetSessions.HELO);
        return properties;
    }

    /** Parses a message file from {@code src/test/resources/messages}. */
    static MimeMessage fixture(String name) throws MessagingException, IOException {
        try (InputStream input = MimeFixtures.class.getResourceAsStream("/messages/" + name)) {
            Objects.requireNonNull(input, () -> "no fixture " + name);
            return new MimeMessage(SESSION, input);
        }
    }

    /** Reads one pass of a source. */
    static byte[] bytesOf(MessageSource source) {
        try (InputStream input = source.open()) {
            return input.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MimeMessage parse(byte[] message) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(message));
    }

    /** Asserts that a message is 7-bit data with CRLF line endings and no line over 998 octets. */
    static void assertSevenBit(byte[] message) {
        int lineStart = 0;
        for (int i = 0; i < message.length; i++) {
            int octet = message[i] & 0xff;
            assertThat(octet).as("octet %d", i).isBetween(1, 127);
            if (octet == '\r') {
                assertThat(i + 1 < message.length && message[i + 1] == '\n')
                        .as("CR at %d is followed by LF", i)
                        .isTrue();
            }
            if (octet == '\n') {
                assertThat(i > 0 && message[i - 1] == '\r')
                        .as("LF at %d follows CR", i)
                        .isTrue();
                assertThat(i - 1 - lineStart)
                        .as("length of the line at %d", lineStart)
                        .isLessThanOrEqualTo(998);
                lineStart = i + 1;
            }
        }
        assertThat(message.length - lineStart).as("length of the last line").isLessThanOrEqualTo(998);
    }

    /**
     * A body part that is not a multipart, with its decoded content.
     *
     * @param type the base type in lower case, such as {@code text/plain}
     * @param content the decoded bytes, one character per byte (ISO-8859-1), so records compare them
     */
    record Leaf(String type, @Nullable String charset, @Nullable String fileName, String content) {

        static Leaf of(String type, @Nullable String charset, @Nullable String fileName, byte[] content) {
            return new Leaf(type, charset, fileName, new String(content, StandardCharsets.ISO_8859_1));
        }
    }

    /** Returns every leaf of a part in order, descending into multiparts and encapsulated messages. */
    static List<Leaf> leaves(Part part) throws MessagingException, IOException {
        List<Leaf> leaves = new ArrayList<>();
        collect(part, leaves);
        return leaves;
    }

    private static void collect(Part part, List<Leaf> leaves) throws MessagingException, IOException {
        ContentType type = new ContentType(part.getContentType());
        if (type.match("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, leaves);
            }
            return;
        }
        if (type.match("message/rfc822")) {
            collect((MimeMessage) part.getContent(), leaves);
            return;
        }
        byte[] content;
        try (InputStream input = part.getInputStream()) {
            content = input.readAllBytes();
        }
        String charset = type.getParameter("charset");
        leaves.add(Leaf.of(
                type.getBaseType().toLowerCase(Locale.ROOT),
                charset == null ? null : charset.toUpperCase(Locale.ROOT),
                part.getFileName(),
                content));
    }

    /** Returns the transfer encoding of every leaf, in the order of {@link #leaves}. */
    static List<String> leafEncodings(Part part) throws MessagingException, IOException {
        List<String> encodings = new ArrayList<>();
        collectEncodings(part, encodings);
        return encodings;
    }

    private static void collectEncodings(Part part, List<String> encodings) throws MessagingException, IOException {
        ContentType type = new ContentType(part.getContentType());
        if (type.match("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectEncodings(multipart.getBodyPart(i), encodings);
            }
        } else if (type.match("message/rfc822")) {
            collectEncodings((MimeMessage) part.getContent(), encodings);
        } else {
            String[] header = part.getHeader("Content-Transfer-Encoding");
            encodings.add(header == null ? "7bit" : header[0].toLowerCase(Locale.ROOT));
        }
    }
}

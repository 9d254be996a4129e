package io.github.directdelivery.internal.prepare;

import io.github.directdelivery.InvalidMessageException;
import io.github.directdelivery.MessageSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Prepares a message for delivery, changing only what a submission server would: drops a leading
 * mbox {@code From } line, removes {@code Bcc} and {@code Resent-Bcc} fields (they must never reach
 * a recipient), and adds {@code Message-ID} and {@code Date} when missing (RFC 5322 §3.6, and no
 * server on the way will add them). The body is not read here: the prepared message streams it
 * from the source on each pass.
 */
public final class MessagePreparer {

    // RFC 5322 §3.3 date-time, in English whatever the default locale.
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final byte[] CRLF = {'\r', '\n'};

    private final Clock clock;
    private final RandomGenerator random;
    private final String messageIdDomain;

    /**
     * @param messageIdDomain the domain part of generated Message-IDs, usually the HELO name
     */
    public MessagePreparer(Clock clock, RandomGenerator random, String messageIdDomain) {
        this.clock = clock;
        this.random = random;
        this.messageIdDomain = messageIdDomain;
    }

    /**
     * Reads the header section of {@code source} and returns the prepared message.
     *
     * @throws InvalidMessageException if the message is empty or its header section is too large
     * @throws IOException if the source cannot be read
     */
    public MessageSource prepare(MessageSource source) throws IOException {
        HeaderSection headers;
        try (InputStream in = source.open()) {
            headers = HeaderSection.read(in);
        }
        if (headers.isEmpty()) {
            throw new InvalidMessageException("The message is empty");
        }

        byte[] header = rewrite(headers);
        long bodyOffset = headers.bodyOffset;
        return () -> {
            InputStream body = source.open();
            try {
                body.skipNBytes(bodyOffset);
            } catch (IOException e) {
                body.close();
                throw e;
            }
            return new SequenceInputStream(new ByteArrayInputStream(header), body);
        };
    }

    private byte[] rewrite(HeaderSection headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (HeaderSection.Field field : headers.fields) {
            if (field.is("bcc") || field.is("resent-bcc")) {
                continue;
            }
            for (byte[] line : field.lines()) {
                out.writeBytes(line);
                out.writeBytes(CRLF);
            }
        }
        if (!headers.has("message-id")) {
            writeField(out, "Message-ID: " + newMessageId());
        }
        if (!headers.has("date")) {
            writeField(out, "Date: " + DATE.format(ZonedDateTime.now(clock)));
        }
        // Without any field before it, the first body line would be read as a header: separate them.
        if (headers.endsWithEmptyLine || headers.fields.isEmpty()) {
            out.writeBytes(CRLF);
        }
        return out.toByteArray();
    }

    private String newMessageId() {
        byte[] unique = new byte[16];
        random.nextBytes(unique);
        return "<" + clock.millis() + "." + HexFormat.of().formatHex(unique) + "@" + messageIdDomain + ">";
    }

    private static void writeField(ByteArrayOutputStream out, String field) {
        out.writeBytes(field.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(CRLF);
    }
}

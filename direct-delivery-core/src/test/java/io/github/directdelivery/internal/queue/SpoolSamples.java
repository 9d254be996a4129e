package io.github.directdelivery.internal.queue;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.SmtpReply;
import io.github.directdelivery.internal.message.MessageContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/** Messages, headers and state records for spool tests. */
final class SpoolSamples {

    static final Instant SUBMITTED = Instant.parse("2026-03-01T10:00:00Z");

    private SpoolSamples() {}

    static MessageHeader header(String id, String... recipients) {
        return new MessageHeader(new QueueId(id), SUBMITTED, Envelope.of("sender@example.com", recipients));
    }

    /** Returns a message of CRLF lines, so that storing it does not change its bytes. */
    static byte[] message(RandomGenerator random, int lines) {
        StringBuilder text = new StringBuilder("Subject: sample\r\n\r\n");
        for (int i = 0; i < lines; i++) {
            int length = random.nextInt(80);
            for (int j = 0; j < length; j++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            text.append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static MessageContent content(byte[] message) {
        try {
            return MessageContent.scan(MessageSource.ofBytes(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecipientResult delivered(String recipient) {
        try {
            return new RecipientResult(
                    recipient,
                    DeliveryStatus.DELIVERED,
                    SmtpReply.of(250, EnhancedStatusCode.OK, "queued as 42"),
                    EnhancedStatusCode.OK,
                    "queued as 42",
                    "mx.example.org",
                    InetAddress.getByName("192.0.2.25"),
                    null,
                    false,
                    false,
                    1,
                    SUBMITTED.plusSeconds(3));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StateRecord decided(int index, String recipient) {
        return new StateRecord.Decided(List.of(new StateRecord.IndexedResult(index, delivered(recipient))));
    }

    static byte[] read(Spool spool, QueueId id) {
        try (InputStream in = spool.content(id).open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.github.directdelivery.internal.smtp;

import static io.github.directdelivery.internal.smtp.SessionFixture.message;
import static io.github.directdelivery.internal.smtp.SessionFixture.open;
import static io.github.directdelivery.internal.smtp.SessionFixture.openFailure;
import static io.github.directdelivery.internal.smtp.SessionFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.SmtpTimeouts;
import io.github.directdelivery.internal.message.MessageContent;
import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionTimeoutTest {

    private static final Duration SHORT = Duration.ofMillis(800);

    @Test
    void drippingGreetingTimesOut() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .greeting(ScriptedReply.of("220 mx.example.net ESMTP slow").dripping(Duration.ofMillis(100)))
                .start()) {
            long start = System.nanoTime();
            SessionFailure failure = openFailure(
                    server, settings().timeouts(SmtpTimeouts.uniform(SHORT)).build());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(failure.kind()).isEqualTo(SessionFailure.Kind.TIMEOUT);
            assertThat(elapsed).isBetween(SHORT, SHORT.multipliedBy(3));
        }
    }

    @Test
    void stalledDataWriteTimesOut() throws IOException {
        // Large enough to fill the loopback socket buffers of both sides, generated while sent.
        MessageContent large = MessageContent.scan(new RepeatedLines(64L << 20));
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities("PIPELINING")
                .on("DATA", ScriptedReply.of("354 go ahead").thenStopReading())
                .start()) {
            SmtpSession session = open(
                    server, settings().timeouts(SmtpTimeouts.uniform(SHORT)).build());
            long start = System.nanoTime();
            DeliveryOutcome outcome = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), large);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(outcome.failure()).extracting(SessionFailure::kind).isEqualTo(SessionFailure.Kind.TIMEOUT);
            assertThat(outcome.recipients().get(0).status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(outcome.recipients().get(0).outcomeUnknown()).isFalse();
            assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
            assertThat(session.isReusable()).isFalse();
        }
    }

    @Test
    void missingFinalReplyMakesOutcomeUnknown() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .onEndOfData(ScriptedReply.of("250 2.0.0 queued").delayedBy(Duration.ofMillis(1500)))
                .start()) {
            SmtpSession session = open(
                    server,
                    settings()
                            .timeouts(
                                    SmtpTimeouts.uniform(Duration.ofSeconds(5)).withDataEnd(SHORT))
                            .build());
            DeliveryOutcome outcome = session.deliver(
                    SmtpEnvelope.of("a@example.org", "b@example.net"), message("Subject: t\r\n\r\nhello\r\n"));

            RecipientOutcome recipient = outcome.recipients().get(0);
            assertThat(recipient.status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(recipient.dataSent()).isTrue();
            assertThat(recipient.outcomeUnknown()).isTrue();
            assertThat(outcome.failure()).extracting(SessionFailure::kind).isEqualTo(SessionFailure.Kind.TIMEOUT);
        }
    }

    @Test
    void connectionDroppedAfterDataMakesOutcomeUnknown() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .onEndOfData(ScriptedReply.disconnect())
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome = session.deliver(
                    SmtpEnvelope.of("a@example.org", "b@example.net"), message("Subject: t\r\n\r\nhello\r\n"));

            assertThat(outcome.recipients().get(0).outcomeUnknown()).isTrue();
            assertThat(outcome.failure())
                    .extracting(SessionFailure::kind)
                    .isEqualTo(SessionFailure.Kind.CONNECTION_LOST);
        }
    }

    @Test
    void sourceThatChangesBetweenPassesAbandonsBdat() throws IOException {
        AtomicInteger opens = new AtomicInteger();
        MessageSource changing = () -> new ByteArrayInputStream(
                (opens.getAndIncrement() == 0 ? "Subject: t\r\n\r\nshort\r\n" : "Subject: t\r\n\r\nlonger body\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        MessageContent content = MessageContent.scan(changing);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .capabilities("PIPELINING", "CHUNKING")
                .start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), content);

            assertThat(outcome.failure())
                    .extracting(SessionFailure::kind)
                    .isEqualTo(SessionFailure.Kind.MESSAGE_SOURCE_FAILED);
            assertThat(outcome.recipients().get(0).status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(outcome.recipients().get(0).dataSent()).isFalse();
            assertThat(session.isReusable()).isFalse();
            server.awaitConnection(0, SessionFixture.WAIT).awaitClosed(SessionFixture.WAIT);
            assertThat(server.messages()).isEmpty();
        }
    }

    @Test
    void sourceThatShrinksBetweenPassesNeverEndsData() throws IOException {
        AtomicInteger opens = new AtomicInteger();
        MessageSource changing = () -> new ByteArrayInputStream(
                (opens.getAndIncrement() == 0 ? "Subject: t\r\n\r\nlonger body\r\n" : "Subject: t\r\n\r\nshort\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        MessageContent content = MessageContent.scan(changing);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().start()) {
            SmtpSession session = open(server);
            DeliveryOutcome outcome = session.deliver(SmtpEnvelope.of("a@example.org", "b@example.net"), content);

            assertThat(outcome.failure())
                    .extracting(SessionFailure::kind)
                    .isEqualTo(SessionFailure.Kind.MESSAGE_SOURCE_FAILED);
            String wire = SessionFixture.wire(server);
            assertThat(wire).doesNotContain("\r\n.\r\n");
            assertThat(server.messages()).isEmpty();
        }
    }

    /** A message of repeated short lines, produced on demand so that it never sits in memory. */
    private static final class RepeatedLines implements MessageSource {
        private final long size;

        RepeatedLines(long size) {
            this.size = size;
        }

        @Override
        public InputStream open() {
            byte[] line = "0123456789 abcdefghijklmnopqrstuvwxyz 0123456789\r\n".getBytes(StandardCharsets.US_ASCII);
            return new InputStream() {
                private long position;

                @Override
                public int read() {
                    return position < size ? line[(int) (position++ % line.length)] : -1;
                }

                @Override
                public int read(byte[] target, int offset, int length) {
                    if (position >= size) {
                        return -1;
                    }
                    int count = (int) Math.min(length, size - position);
                    for (int i = 0; i < count; i++) {
                        target[offset + i] = line[(int) (position++ % line.length)];
                    }
                    return count;
                }
            };
        }
    }
}

package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The send deadline inside a session: each step before the end of the data ends at the deadline,
 * while the reply after the data is waited for beyond it.
 */
class DirectDeliveryDeadlineTest {

    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final Duration SLOW = Duration.ofSeconds(4);
    /** An upper bound that a step ended at the deadline stays far below, and a step that waited for SLOW exceeds. */
    private static final Duration CUT_SHORT = Duration.ofMillis(3500);

    private static final EnhancedStatusCode TIME_EXPIRED = new EnhancedStatusCode(4, 4, 7);
    private static final String MESSAGE = "Subject: test\r\nMessage-ID: <1@example.com>\r\n"
            + "Date: Sun, 1 Mar 2026 10:00:00 +0000\r\n\r\nHello.\r\n";

    private FakeInternet network;

    @BeforeEach
    void startNetwork() throws IOException {
        network = FakeInternet.start();
        network.dns().mx("example.org", 10, "mx1.example.org").mx("example.org", 20, "mx2.example.org");
    }

    @AfterEach
    void stopNetwork() {
        network.close();
    }

    @Test
    void slowGreetingEndsAtDeadline() throws IOException {
        network.host(
                "mx1.example.org",
                b -> b.greeting(ScriptedReply.of("220 mx1.example.org").delayedBy(SLOW)));
        ScriptedSmtpServer second = network.host("mx2.example.org");

        try (DirectDelivery client = client(DEADLINE)) {
            long start = System.nanoTime();
            RecipientResult result = send(client, "user@example.org", MESSAGE);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(result.enhancedCode()).isEqualTo(TIME_EXPIRED);
            assertThat(result.text())
                    .isEqualTo("the send deadline of PT1S passed while waiting for the greeting from mx1.example.org ["
                            + hostAddress(result) + "]");
            assertThat(result.outcomeUnknown()).isFalse();
            assertThat(elapsed).isLessThan(CUT_SHORT);
            assertThat(second.connections()).isEmpty();
        }
    }

    @Test
    void deadlineCutDoesNotOpenCircuit() throws IOException {
        ScriptedSmtpServer first = network.host(
                "mx1.example.org",
                b -> b.greeting(ScriptedReply.of("220 mx1.example.org").delayedBy(SLOW)));

        try (DirectDelivery client = TestClient.builder(network)
                .timeouts(SmtpTimeouts.uniform(Duration.ofSeconds(10)))
                .sendTimeout(DEADLINE)
                .circuitBreaker(1, Duration.ofMinutes(10))
                .build()) {
            RecipientResult cut = send(client, "user@example.org", MESSAGE);
            RecipientResult again = send(client, "user@example.org", MESSAGE);

            assertThat(cut.text()).startsWith("the send deadline of PT1S passed while waiting for the greeting");
            assertThat(again.text()).startsWith("the send deadline of PT1S passed while waiting for the greeting");
            assertThat(first.connections()).hasSize(2);
        }
    }

    @Test
    void slowRcptEndsAtDeadline() throws IOException {
        ScriptedSmtpServer first = network.host(
                "mx1.example.org",
                b -> b.onRecipient(
                        "slow@example.org", ScriptedReply.of("250 2.1.5 ok").delayedBy(SLOW)));

        try (DirectDelivery client = client(DEADLINE)) {
            long start = System.nanoTime();
            RecipientResult result = send(client, "slow@example.org", MESSAGE);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(result.enhancedCode()).isEqualTo(TIME_EXPIRED);
            assertThat(result.text())
                    .isEqualTo("the send deadline of PT1S passed while waiting for the reply to RCPT for"
                            + " slow@example.org from mx1.example.org [" + hostAddress(result) + "]");
            assertThat(elapsed).isLessThan(CUT_SHORT);
            assertThat(first.messages()).isEmpty();
            assertThat(first.connections().get(0).awaitClosed(SLOW).isClosed()).isTrue();
        }
    }

    @Test
    void pooledConnectionCutAndReplaced() throws IOException {
        ScriptedSmtpServer first = network.host(
                "mx1.example.org",
                b -> b.onRecipient(
                        "slow@example.org", ScriptedReply.of("250 2.1.5 ok").delayedBy(SLOW)));

        try (DirectDelivery client = client(DEADLINE)) {
            RecipientResult before = send(client, "fast@example.org", MESSAGE);
            long start = System.nanoTime();
            RecipientResult cut = send(client, "slow@example.org", MESSAGE);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            RecipientResult after = send(client, "fast@example.org", MESSAGE);

            assertThat(before.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(cut.status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(cut.enhancedCode()).isEqualTo(TIME_EXPIRED);
            assertThat(cut.text()).startsWith("the send deadline of PT1S passed while waiting for the reply to RCPT");
            assertThat(elapsed).isLessThan(CUT_SHORT);
            assertThat(after.status()).isEqualTo(DeliveryStatus.DELIVERED);
            // The first message's connection carried the second; the third needed a new one.
            assertThat(first.connections()).hasSize(2);
            assertThat(first.connections().get(0).commands())
                    .filteredOn(c -> c.startsWith("MAIL"))
                    .hasSize(2);
        }
    }

    @Test
    void stalledContentWriteEndsAtDeadline() throws IOException {
        ScriptedSmtpServer first = network.host("mx1.example.org", b -> b.capabilities("PIPELINING")
                .on("DATA", ScriptedReply.of("354 go ahead").thenStopReading()));

        // The scan of the large message counts against the deadline too, so it gets more time.
        try (DirectDelivery client = client(Duration.ofSeconds(2))) {
            long start = System.nanoTime();
            RecipientResult result = client.send(
                            Envelope.of("sender@example.com", "user@example.org"), () -> largeMessage(32L << 20))
                    .results()
                    .get(0);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(result.enhancedCode()).isEqualTo(TIME_EXPIRED);
            assertThat(result.text())
                    .isEqualTo("the send deadline of PT2S passed while sending the message content to mx1.example.org ["
                            + hostAddress(result) + "]");
            assertThat(result.outcomeUnknown()).isFalse();
            assertThat(elapsed).isLessThan(Duration.ofSeconds(8));
            assertThat(first.messages()).isEmpty();
        }
    }

    @Test
    void slowFinalReplyIsWaitedForBeyondDeadline() throws IOException {
        ScriptedSmtpServer first = network.host(
                "mx1.example.org",
                b -> b.onEndOfData(ScriptedReply.of("250 2.0.0 queued as 1").delayedBy(Duration.ofSeconds(3))));

        try (DirectDelivery client = client(DEADLINE)) {
            long start = System.nanoTime();
            RecipientResult result = send(client, "user@example.org", MESSAGE);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(result.text()).isEqualTo("queued as 1");
            assertThat(result.outcomeUnknown()).isFalse();
            assertThat(elapsed).isGreaterThan(DEADLINE).isLessThan(Duration.ofSeconds(8));
            assertThat(first.messages()).hasSize(1);
        }
    }

    @Test
    void finalReplyThatNeverComesLeavesOutcomeUnknown() throws IOException {
        network.host(
                "mx1.example.org",
                b -> b.onEndOfData(ScriptedReply.of("250 2.0.0 queued as 1").delayedBy(SLOW)));

        try (DirectDelivery client = client(DEADLINE, SmtpTimeouts.uniform(SLOW).withDataEnd(Duration.ofSeconds(2)))) {
            RecipientResult result = send(client, "user@example.org", MESSAGE);

            assertThat(result.status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(result.outcomeUnknown()).isTrue();
            assertThat(result.enhancedCode()).isNotEqualTo(TIME_EXPIRED);
        }
    }

    @Test
    void rateLimitSlotAfterDeadlineDefersAtOnce() throws IOException {
        ScriptedSmtpServer mx = network.host("mx1.example.org");
        network.host("mx2.example.org");

        try (DirectDelivery client = TestClient.builder(network)
                .sendTimeout(Duration.ofSeconds(10))
                .rateLimitPerHost(1, Duration.ofMinutes(10))
                .build()) {
            RecipientResult first = send(client, "first@example.org", MESSAGE);
            long start = System.nanoTime();
            RecipientResult second = send(client, "second@example.org", MESSAGE);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(first.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(first.host()).isEqualTo("mx1.example.org");
            // The next slot at mx1 is ten minutes away, past the deadline, so mx2 takes it at once.
            assertThat(second.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(second.host()).isEqualTo("mx2.example.org");
            assertThat(elapsed).isLessThan(CUT_SHORT);
            assertThat(mx.messages()).hasSize(1);
        }
    }

    @Test
    void rateLimitOnEveryHostDefersWithReason() throws IOException {
        network.host("mx1.example.org");
        network.host("mx2.example.org");

        try (DirectDelivery client = TestClient.builder(network)
                .sendTimeout(Duration.ofSeconds(10))
                .rateLimitPerHost(1, Duration.ofMinutes(10))
                .build()) {
            send(client, "first@example.org", MESSAGE);
            send(client, "second@example.org", MESSAGE);
            long start = System.nanoTime();
            RecipientResult third = send(client, "third@example.org", MESSAGE);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(third.status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(third.enhancedCode()).isEqualTo(TIME_EXPIRED);
            assertThat(third.text()).contains("fits before the send deadline").contains("1 per PT10M");
            assertThat(elapsed).isLessThan(CUT_SHORT);
        }
    }

    private DirectDelivery client(Duration sendTimeout) {
        return client(sendTimeout, SmtpTimeouts.uniform(Duration.ofSeconds(10)));
    }

    private DirectDelivery client(Duration sendTimeout, SmtpTimeouts timeouts) {
        return TestClient.builder(network)
                .timeouts(timeouts)
                .sendTimeout(sendTimeout)
                .build();
    }

    private static RecipientResult send(DirectDelivery client, String recipient, String message) {
        return client.send(Envelope.of("sender@example.com", recipient), MessageSource.ofString(message))
                .results()
                .get(0);
    }

    private static String hostAddress(RecipientResult result) {
        InetAddress address = result.address();
        assertThat(address).isNotNull();
        return address == null ? "" : address.getHostAddress();
    }

    /** Generates a message with a body of about {@code bodyOctets} as it is read. */
    private static InputStream largeMessage(long bodyOctets) {
        byte[] line = ("x".repeat(76) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        InputStream body = new InputStream() {
            private long left = bodyOctets / line.length * line.length;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] target, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int count = (int) Math.min(length, left);
                long position = bodyOctets / line.length * line.length - left;
                for (int i = 0; i < count; i++) {
                    target[offset + i] = line[(int) ((position + i) % line.length)];
                }
                left -= count;
                return count;
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII)), body);
    }
}

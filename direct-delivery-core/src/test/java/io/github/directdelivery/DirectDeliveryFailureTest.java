package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import io.github.directdelivery.testkit.TlsIdentity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deadlines, TLS fallbacks, unsuitable hosts and the transcript, through the public client. */
class DirectDeliveryFailureTest {

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
    void sendTimeoutDefersWhatIsLeftWithoutTryingTheNextHost() throws IOException {
        network.host(
                "mx1.example.org",
                b -> b.greeting(ScriptedReply.of("554 5.3.2 not now").delayedBy(Duration.ofMillis(1500))));
        ScriptedSmtpServer second = network.host("mx2.example.org");

        RecipientResult result = send(TestClient.builder(network).sendTimeout(Duration.ofSeconds(1)), MESSAGE);

        assertThat(result.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(second.connections()).isEmpty();
    }

    @Test
    void failedOpportunisticHandshakeIsRetriedInPlaintextOnTheSameHost() throws IOException {
        ScriptedSmtpServer first =
                network.host("mx1.example.org", b -> b.startTls(TlsIdentity.selfSigned("mx1.example.org"))
                        .on("STARTTLS", ScriptedReply.of("220 2.0.0 go ahead").thenDisconnect()));
        ScriptedSmtpServer second = network.host("mx2.example.org");

        RecipientResult result = send(TestClient.builder(network), MESSAGE);

        assertThat(result.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(result.host()).isEqualTo("mx1.example.org");
        assertThat(result.tls()).isNull();
        assertThat(first.connections()).hasSize(2);
        assertThat(second.connections()).isEmpty();
    }

    @Test
    void requiredTlsMovesToTheNextHostWhenTheFirstCannotEncrypt() throws IOException {
        ScriptedSmtpServer first = network.host("mx1.example.org");
        network.host("mx2.example.org", b -> b.startTls(TlsIdentity.selfSigned("mx2.example.org")));

        RecipientResult result = send(TestClient.builder(network).tlsPolicy(TlsPolicy.REQUIRED), MESSAGE);

        assertThat(result.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(result.host()).isEqualTo("mx2.example.org");
        assertThat(result.tls()).isNotNull();
        assertThat(first.messages()).isEmpty();
    }

    @Test
    void messageNoHostCanTakeFailsWithTheUnsuitabilityCode() throws IOException {
        ScriptedSmtpServer first = network.host("mx1.example.org", b -> b.capabilities("PIPELINING", "SIZE 100"));
        ScriptedSmtpServer second = network.host("mx2.example.org", b -> b.capabilities("PIPELINING", "SIZE 100"));

        RecipientResult result = send(TestClient.builder(network), MESSAGE + "x".repeat(200) + "\r\n");

        assertThat(result.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(result.enhancedCode()).isEqualTo(EnhancedStatusCode.parse("5.3.4"));
        assertThat(first.messages()).isEmpty();
        assertThat(second.messages()).isEmpty();
    }

    @Test
    void eightBitMessageSkipsTheHostWithout8BitMime() throws IOException {
        network.host("mx1.example.org", b -> b.capabilities("PIPELINING"));
        ScriptedSmtpServer second = network.host("mx2.example.org");

        RecipientResult result = send(TestClient.builder(network), MESSAGE + "Grüße\r\n");

        assertThat(result.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(result.host()).isEqualTo("mx2.example.org");
        assertThat(second.messages().get(0).mailParameters()).contains("BODY=8BITMIME");
    }

    @Test
    void transcriptIsInTheReportWhenRequested() throws IOException {
        network.host("mx1.example.org");

        try (DirectDelivery client =
                TestClient.builder(network).recordTranscript(true).build()) {
            DeliveryReport report =
                    client.send(Envelope.of("a@example.com", "alice@example.org"), MessageSource.ofString(MESSAGE));

            assertThat(report.transcript())
                    .contains(
                            "C: EHLO client.example.test",
                            "C: MAIL FROM:<a@example.com>",
                            "C: RCPT TO:<alice@example.org>")
                    .anyMatch(line -> line.startsWith("S: 250"));
        }
    }

    @Test
    void transcriptIsEmptyByDefault() throws IOException {
        network.host("mx1.example.org");

        try (DirectDelivery client = TestClient.builder(network).build()) {
            DeliveryReport report =
                    client.send(Envelope.of("a@example.com", "alice@example.org"), MessageSource.ofString(MESSAGE));

            assertThat(report.transcript()).isEmpty();
        }
    }

    @Test
    void nonExistentDomainFailsWith512() throws IOException {
        network.host("mx1.example.org");

        try (DirectDelivery client = TestClient.builder(network).build()) {
            RecipientResult result = client.send(
                            Envelope.of("a@example.com", "someone@no-such-domain.example"),
                            MessageSource.ofString(MESSAGE))
                    .results()
                    .get(0);

            assertThat(result.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(result.enhancedCode()).isEqualTo(EnhancedStatusCode.BAD_DESTINATION_SYSTEM);
        }
    }

    @Test
    void unexpectedErrorInOneDomainKeepsTheOtherDomainsResults() throws IOException {
        network.dns().mx("example.net", 10, "mx.example.net");
        network.host("mx1.example.org");
        network.host("mx.example.net");
        AtomicInteger opens = new AtomicInteger();
        // Opened for the header, for the scan, then once per domain: the second domain fails.
        MessageSource source = () -> {
            if (opens.incrementAndGet() == 4) {
                throw new IllegalStateException("storage failure");
            }
            return new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII));
        };

        DeliveryReport report;
        try (DirectDelivery client = TestClient.builder(network).build()) {
            report = client.send(Envelope.of("a@example.com", "alice@example.org", "bob@example.net"), source);
        }

        assertThat(report.results())
                .extracting(RecipientResult::status)
                .containsExactlyInAnyOrder(DeliveryStatus.DELIVERED, DeliveryStatus.DEFERRED);
        assertThat(report.withStatus(DeliveryStatus.DEFERRED))
                .singleElement()
                .satisfies(result -> assertThat(result.text()).contains("unexpected error", "storage failure"));
    }

    @Test
    void refusedDestinationInLoopbackOnlyModeIsThrownUnwrapped() throws IOException {
        network.dns().mx("example.net", 10, "mx.example.net").a("mx.example.net", "192.0.2.25");
        network.host("mx1.example.org");

        try (DirectDelivery client = TestClient.builder(network).build()) {
            assertThatThrownBy(() -> client.send(
                            Envelope.of("a@example.com", "alice@example.org", "bob@example.net"),
                            MessageSource.ofString(MESSAGE)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Refusing to connect to SMTP host 192.0.2.25");
        }
    }

    @Test
    void localFailuresCarryAnEnhancedCode() throws IOException {
        network.dns().mx("example.net", 10, "mx.example.net");
        network.unreachableHost("mx.example.net");
        network.host("mx1.example.org");

        try (DirectDelivery client = TestClient.builder(network).build()) {
            RecipientResult result = client.send(
                            Envelope.of("a@example.com", "bob@example.net"), MessageSource.ofString(MESSAGE))
                    .results()
                    .get(0);

            assertThat(result.status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(result.enhancedCode()).isEqualTo(EnhancedStatusCode.parse("4.4.1"));
        }
    }

    private static RecipientResult send(DirectDelivery.Builder builder, String message) {
        try (DirectDelivery client = builder.build()) {
            return client.send(Envelope.of("sender@example.com", "alice@example.org"), MessageSource.ofString(message))
                    .results()
                    .get(0);
        }
    }
}

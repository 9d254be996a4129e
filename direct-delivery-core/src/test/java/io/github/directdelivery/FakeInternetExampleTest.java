package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Runs the test kit example of the README and of {@link FakeInternet}'s documentation. */
class FakeInternetExampleTest {

    @Test
    void documentedExampleDeliversThroughFakeInternet() throws IOException {
        try (FakeInternet internet = FakeInternet.start()) {
            ScriptedSmtpServer mx = internet.mx("example.org", "mx.example.org");
            internet.mx(
                    "example.net",
                    "mx.example.net",
                    server -> server.onRecipient("nobody@example.net", "550 5.1.1 no such user"));
            internet.unreachableMx("down.example", "mx.down.example");
            internet.dns().nullMx("nomail.example");

            try (DirectDelivery client = DirectDelivery.builder()
                    .heloName("app.example.test")
                    .dnsServer(internet.dnsServer())
                    .smtpPort(internet.smtpPort())
                    .allowLocalDestinations(true)
                    .retry(RetrySettings.none())
                    .build()) {
                DeliveryReport report = client.send(
                        Envelope.of(
                                "app@example.test",
                                "alice@example.org",
                                "nobody@example.net",
                                "carol@down.example",
                                "dave@nomail.example"),
                        MessageSource.ofString("Subject: hello\r\n\r\nHello.\r\n"));

                assertThat(resultOf(report, "alice@example.org").status()).isEqualTo(DeliveryStatus.DELIVERED);
                assertThat(resultOf(report, "nobody@example.net").status()).isEqualTo(DeliveryStatus.FAILED);
                assertThat(resultOf(report, "nobody@example.net").code()).isEqualTo(550);
                assertThat(resultOf(report, "carol@down.example").status()).isEqualTo(DeliveryStatus.DEFERRED);
                assertThat(resultOf(report, "dave@nomail.example").status()).isEqualTo(DeliveryStatus.FAILED);
                assertThat(resultOf(report, "dave@nomail.example").enhancedCode())
                        .isEqualTo(EnhancedStatusCode.NULL_MX);
                assertThat(mx.messages()).singleElement().satisfies(message -> assertThat(message.recipients())
                        .containsExactly("alice@example.org"));
            }
        }
    }

    private static RecipientResult resultOf(DeliveryReport report, String recipient) {
        return report.results().stream()
                .filter(result -> result.recipient().equals(recipient))
                .findFirst()
                .orElseThrow();
    }
}

package io.github.directdelivery.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.jakarta.DirectDeliverySendFailedException;
import io.github.directdelivery.spring.DeliveryMetrics;
import io.github.directdelivery.spring.DirectDeliveryHealthIndicator;
import io.github.directdelivery.testkit.DnsServer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.MailSendException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the application against a fake Internet on loopback: a DNS server publishes GreenMail as
 * the MX host of example.org, and the starter delivers to it without a relay.
 */
@SpringBootTest(args = "--to=carol@example.org")
class SampleApplicationTest {

    private static DnsServer dns;
    private static GreenMail greenMail;

    @Autowired
    private WelcomeMailer mailer;

    @Autowired
    private DirectDeliveryHealthIndicator health;

    @Autowired
    private MeterRegistry registry;

    @BeforeAll
    static void startInternet() throws IOException {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        dns = DnsServer.start();
        dns.mx("example.org", 10, "mx.example.org").a("mx.example.org", "127.0.0.1");
        dns.nullMx("nomail.example");
    }

    @AfterAll
    static void stopInternet() {
        greenMail.stop();
        dns.close();
    }

    @DynamicPropertySource
    static void aimAtFakeInternet(DynamicPropertyRegistry properties) {
        FakeInternetProperties.add(properties, () -> dns.address().getPort(), () -> greenMail
                .getSmtp()
                .getPort());
        properties.add("direct-delivery.retry.max-attempts", () -> "1");
    }

    @BeforeEach
    void waitForStartupMessage() {
        // The application sent carol's welcome message while it started.
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
    }

    @Test
    void startupMessageArrived() throws Exception {
        MimeMessage[] received = greenMail.getReceivedMessagesForDomain("carol@example.org");

        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Welcome aboard");
    }

    @Test
    void welcomeMessageArrivesDecoded() throws Exception {
        mailer.sendWelcome("alice@example.org");

        MimeMessage[] received = greenMail.getReceivedMessagesForDomain("alice@example.org");
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
        assertThat(message.getFrom()).containsExactly(new InternetAddress("welcome@example.com"));
        assertThat(message.getSubject()).isEqualTo("Welcome aboard");
        assertThat(message.getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(Objects.toString(message.getContent()).strip()).isEqualTo("Grüße! Your account is ready.");
    }

    @Test
    void undeliverableRecipientFails() {
        assertThatThrownBy(() -> mailer.sendWelcome("dave@nomail.example"))
                .isInstanceOf(MailSendException.class)
                .satisfies(thrown -> {
                    Exception failure = ((MailSendException) thrown).getMessageExceptions()[0];
                    assertThat(failure).isInstanceOf(DirectDeliverySendFailedException.class);
                    DirectDeliverySendFailedException sendFailure = (DirectDeliverySendFailedException) failure;
                    assertThat(Objects.requireNonNull(sendFailure.report())
                                    .results()
                                    .get(0)
                                    .status())
                            .isEqualTo(DeliveryStatus.FAILED);
                });
    }

    @Test
    void healthAndMetricsCountDeliveries() {
        Health status = health.health();

        assertThat(status.getStatus()).isEqualTo(Status.UP);
        @SuppressWarnings("unchecked")
        Map<String, Object> recipients =
                (Map<String, Object>) Objects.requireNonNull(status.getDetails().get("recipients"));
        @SuppressWarnings("unchecked")
        Map<String, Long> total = (Map<String, Long>) Objects.requireNonNull(recipients.get("total"));
        assertThat(total.get("delivered")).isGreaterThanOrEqualTo(1L);
        assertThat(registry.get(DeliveryMetrics.RECIPIENTS)
                        .tag("status", "delivered")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1.0);
    }
}

package io.github.directdelivery.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.directdelivery.spring.DirectDeliveryHealthIndicator;
import io.github.directdelivery.spring.SpoolGauges;
import io.github.directdelivery.testkit.DnsServer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the application with the {@code submit} profile against a fake Internet on loopback: the
 * mail sender stores each message in a spool under a temporary directory, and the spool delivers
 * it to GreenMail, the MX host of example.org.
 */
// The spool lives in a temporary directory that is deleted after the class, so the context, with
// the spool's workers, must be closed first rather than kept in Spring's test context cache.
@DirtiesContext
@SpringBootTest(args = "--to=carol@example.org")
@ActiveProfiles("submit")
class SubmitProfileTest {

    private static Path directory;
    private static DnsServer dns;
    private static GreenMail greenMail;

    @Autowired
    private WelcomeMailer mailer;

    @Autowired
    private DirectDeliveryHealthIndicator health;

    @Autowired
    private MeterRegistry registry;

    @BeforeAll
    static void startInternet(@TempDir Path temporary) throws IOException {
        directory = temporary;
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
        properties.add("direct-delivery.spool.directory", () -> directory.resolve("spool"));
    }

    @Test
    void startupMessageIsDeliveredBeforeRunnerReturns() throws Exception {
        // The runner waited for the spool, so the message arrived before the context was ready.
        MimeMessage[] received = greenMail.getReceivedMessagesForDomain("carol@example.org");
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Welcome aboard");
    }

    @Test
    void undeliverableRecipientIsAccepted() {
        // The spool fails the recipient later and reports it to the sender; storing succeeds.
        assertThatCode(() -> mailer.sendWelcome("dave@nomail.example")).doesNotThrowAnyException();
    }

    @Test
    void healthAndMetricsShowSpool() {
        Health status = health.health();

        assertThat(status.getStatus()).isEqualTo(Status.UP);
        @SuppressWarnings("unchecked")
        Map<String, Object> details =
                (Map<String, Object>) Objects.requireNonNull(status.getDetails().get("spool"));
        assertThat(details).containsKeys("messages", "pendingRecipients", "oldestMessageAge");
        // The spool may still be delivering, so the gauge is only checked for a reading.
        assertThat(registry.get(SpoolGauges.MESSAGES).gauge().value()).isGreaterThanOrEqualTo(0.0);
    }
}

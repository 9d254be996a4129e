package io.github.directdelivery.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ReceivedMessage;
import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A program that sends in submit mode and exits waits for the spool with {@link MxSpools#awaitIdle}. */
class MxSpoolsAwaitIdleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HELO = "client.example.test";

    private Path spool;
    private FakeInternet internet;

    @BeforeEach
    void startInternet(@TempDir Path directory) throws IOException {
        spool = directory;
        internet = FakeInternet.start();
    }

    @AfterEach
    void stopEverything() {
        MxSpools.closeAll();
        internet.close();
    }

    @Test
    void awaitIdleAllReturnsAfterStaticSendsAreDelivered() throws Exception {
        ScriptedSmtpServer slow = internet.mx(
                "example.net",
                "mx.example.net",
                script -> script.onEndOfData(ScriptedReply.of("250 2.0.0 ok").delayedBy(Duration.ofMillis(200))));
        Session session = Session.getInstance(submitProperties());

        for (int i = 1; i <= 3; i++) {
            Transport.send(message(session, "message " + i));
        }

        assertThat(MxSpools.awaitIdleAll(WAIT)).isTrue();
        assertThat(slow.messages()).hasSize(3);
        assertThat(slow.messages())
                .extracting(ReceivedMessage::recipients)
                .allMatch(r -> r.contains("anna@example.net"));
        assertThat(MxSpools.stats(spool).orElseThrow().messages()).isZero();
    }

    @Test
    void awaitIdleLeavesDeferredMessagesInTheSpool() throws Exception {
        ScriptedSmtpServer greylisting =
                internet.mx("example.net", "mx.example.net", script -> script.on("RCPT", "451 4.7.1 greylisted"));
        Properties properties = submitProperties();
        properties.setProperty("mail.mx.spool.retry.interval", "1h");
        Session session = Session.getInstance(properties);

        Transport.send(message(session, "greylisted"));

        assertThat(MxSpools.awaitIdle(spool, WAIT)).isTrue();
        assertThat(greylisting.connections()).hasSize(1);
        assertThat(MxSpools.stats(spool).orElseThrow().pendingRecipients()).isEqualTo(1);
    }

    @Test
    void awaitIdleWithoutOpenSpoolReturnsAtOnce() throws Exception {
        assertThat(MxSpools.awaitIdle(spool, Duration.ZERO)).isTrue();
        assertThat(MxSpools.awaitIdleAll(Duration.ZERO)).isTrue();
    }

    @Test
    void awaitIdleRejectsANegativeTimeout() {
        assertThatThrownBy(() -> MxSpools.awaitIdleAll(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must not be negative, not PT-1S");
    }

    @Test
    void spoolInUseMessageEndsEachSentenceOnce() throws Exception {
        internet.mx("example.net", "mx.example.net");
        try (DirectDelivery client = DirectDelivery.builder()
                        .heloName(HELO)
                        .dnsServer(internet.dnsServer())
                        .build();
                DurableDelivery other = DurableDelivery.builder(client, spool).build();
                Transport transport = Session.getInstance(submitProperties()).getTransport()) {
            assertThatThrownBy(transport::connect)
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("may use a spool directory at a time. Set it to a directory")
                    .hasMessageNotContaining("..");
            assertThat(other.stats().messages()).isZero();
        }
    }

    private Properties submitProperties() {
        Properties properties = new Properties();
        properties.setProperty("mail.host", HELO);
        properties.setProperty("mail.transport.protocol.rfc822", "mx");
        properties.setProperty("mail.transport.protocol", "mx");
        properties.setProperty("mail.mx.localhost", HELO);
        properties.setProperty(
                "mail.mx.dns.server",
                internet.dnsServer().getAddress().getHostAddress() + ":"
                        + internet.dnsServer().getPort());
        properties.setProperty("mail.mx.port", Integer.toString(internet.smtpPort()));
        properties.setProperty("mail.mx.allowlocaldestinations", "true");
        properties.setProperty("mail.mx.timeout", "5s");
        properties.setProperty("mail.mx.mode", "submit");
        properties.setProperty("mail.mx.spool.directory", spool.toString());
        return properties;
    }

    private static MimeMessage message(Session session, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("sender@example.com");
        message.setRecipients(MimeMessage.RecipientType.TO, "anna@example.net");
        message.setSubject(subject);
        message.setText("Sent in submit mode.");
        return message;
    }
}

package io.github.directdelivery.jakarta;

import static io.github.directdelivery.jakarta.FakeInternetSessions.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.RecordedConnection;
import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import io.github.directdelivery.testkit.TlsIdentity;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each {@code mail.mx.*} property that changes what goes over the wire, observed at a scripted server. */
class MxPropertiesTest {

    // Generous, because a poll returns as soon as the event or connection arrives.
    private static final Duration WAIT = Duration.ofSeconds(30);

    private FakeInternet internet;

    @BeforeEach
    void startNetwork() throws Exception {
        internet = FakeInternet.start();
    }

    @AfterEach
    void stopNetwork() {
        internet.close();
    }

    @Test
    void localhostIsTheEhloName() throws Exception {
        ScriptedSmtpServer server = internet.mx("example.com", "mx.example.com");
        Properties properties = properties(internet);
        properties.setProperty("mail.mx.localhost", "sender.example.org");

        send(properties, "a@example.com");

        assertThat(firstConnection(server).commands()).contains("EHLO sender.example.org");
    }

    @Test
    void tlsNoneSkipsStartTls() throws Exception {
        TlsIdentity identity = TlsIdentity.selfSigned("mx.example.com");
        ScriptedSmtpServer server = internet.mx("example.com", "mx.example.com", script -> script.startTls(identity));
        Properties properties = properties(internet);
        properties.setProperty("mail.mx.tls", "none");

        send(properties, "a@example.com");

        RecordedConnection connection = firstConnection(server);
        assertThat(connection.tls()).isFalse();
        assertThat(connection.commands()).doesNotContain("STARTTLS");
    }

    @Test
    void defaultTlsPolicyUsesStartTls() throws Exception {
        TlsIdentity identity = TlsIdentity.selfSigned("mx.example.com");
        ScriptedSmtpServer server = internet.mx("example.com", "mx.example.com", script -> script.startTls(identity));

        send(properties(internet), "a@example.com");

        assertThat(firstConnection(server).tls()).isTrue();
    }

    @Test
    void dsnPropertiesBecomeParameters() throws Exception {
        ScriptedSmtpServer server = internet.mx(
                "example.com", "mx.example.com", script -> script.capabilities("DSN", "ENHANCEDSTATUSCODES"));
        Properties properties = properties(internet);
        properties.setProperty("mail.mx.dsn.notify", "failure,delay");
        properties.setProperty("mail.mx.dsn.ret", "hdrs");

        send(properties, "a@example.com");

        assertThat(firstConnection(server).commands())
                .anySatisfy(command -> assertThat(command)
                        .startsWith("MAIL FROM:<joerg@example.org>")
                        .contains("RET=HDRS"))
                .anySatisfy(command -> assertThat(command)
                        .startsWith("RCPT TO:<a@example.com>")
                        .contains("NOTIFY=FAILURE,DELAY"));
    }

    @Test
    void greetingTimeoutDefersSlowServer() throws Exception {
        internet.mx(
                "example.com",
                "mx.example.com",
                script -> script.greeting(ScriptedReply.of("220 slow").delayedBy(Duration.ofSeconds(3))));
        Properties properties = properties(internet);
        properties.setProperty("mail.mx.timeout.greeting", "200ms");

        DirectDeliverySendFailedException failure = sendExpectingFailure(properties, "a@example.com");

        assertThat(failure.getValidUnsentAddresses()).hasSize(1);
        assertThat(failure.report().results()).singleElement().satisfies(result -> assertThat(result.status())
                .isEqualTo(DeliveryStatus.DEFERRED));
    }

    @Test
    void transcriptPropertyRecordsDialogue() throws Exception {
        internet.mx(
                "example.com",
                "mx.example.com",
                script -> script.onRecipient("nobody@example.com", "550 5.1.1 unknown"));
        Properties properties = properties(internet);
        properties.setProperty("mail.mx.transcript", "true");

        DirectDeliverySendFailedException failure = sendExpectingFailure(properties, "nobody@example.com");

        assertThat(failure.report().transcript())
                .anySatisfy(line -> assertThat(line).contains("RCPT TO:<nobody@example.com>"));
    }

    @Test
    void localDestinationsAreRefusedByDefault() throws Exception {
        ScriptedSmtpServer server = internet.mx("example.com", "mx.example.com");
        Properties properties = properties(internet);
        properties.remove("mail.mx.allowlocaldestinations");

        DirectDeliverySendFailedException failure = sendExpectingFailure(properties, "a@example.com");

        assertThat(failure.getValidSentAddresses()).isEmpty();
        assertThat(server.connections()).isEmpty();
    }

    @Test
    void retryAttemptsAreMade() throws Exception {
        internet.mx("example.com", "mx.example.com");
        internet.unreachableMx("unreachable.example", "mx.unreachable.example");
        Properties properties = properties(internet);
        properties.setProperty("mail.mx.retry.attempts", "2");
        properties.setProperty("mail.mx.retry.interval", "50ms");

        DirectDeliverySendFailedException failure = sendExpectingFailure(properties, "a@unreachable.example");

        RecipientResult result = failure.report().results().get(0);
        assertThat(result.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(result.attempts()).isEqualTo(2);
    }

    @Test
    void fallbackRelayTakesUnreachableDomain() throws Exception {
        internet.mx("example.com", "mx.example.com");
        internet.unreachableMx("unreachable.example", "mx.unreachable.example");
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.builder()
                .hostName("relay.example.org")
                .startTls(TlsIdentity.selfSigned("relay.example.org"))
                .credentials("relay-user", "relay-secret")
                .start()) {
            Properties properties = properties(internet);
            properties.setProperty(
                    "mail.mx.relay.host", relay.address().getAddress().getHostAddress());
            properties.setProperty("mail.mx.relay.port", Integer.toString(relay.port()));
            properties.setProperty("mail.mx.relay.tls", "required");
            properties.setProperty("mail.mx.relay.user", "relay-user");
            properties.setProperty("mail.mx.relay.password", "relay-secret");

            send(properties, "a@unreachable.example");

            assertThat(relay.messages()).singleElement().satisfies(message -> assertThat(message.recipients())
                    .containsExactly("a@unreachable.example"));
            RecordedConnection connection = relay.awaitConnection(0, WAIT).awaitClosed(WAIT);
            assertThat(connection.tls()).isTrue();
            assertThat(connection.commands())
                    .anySatisfy(command -> assertThat(command).startsWith("AUTH "));
        }
    }

    private static RecordedConnection firstConnection(ScriptedSmtpServer server) {
        return server.awaitConnection(0, WAIT).awaitClosed(WAIT);
    }

    private static void send(Properties properties, String recipient) throws Exception {
        Session session = Session.getInstance(properties);
        try (Transport transport = session.getTransport()) {
            transport.connect();
            transport.sendMessage(message(session), InternetAddress.parse(recipient));
        }
    }

    private static DirectDeliverySendFailedException sendExpectingFailure(Properties properties, String recipient)
            throws Exception {
        Session session = Session.getInstance(properties);
        Address[] recipients = InternetAddress.parse(recipient);
        try (Transport transport = session.getTransport()) {
            transport.connect();
            MimeMessage message = message(session);
            DirectDeliverySendFailedException failure = catchThrowableOfType(
                    DirectDeliverySendFailedException.class, () -> transport.sendMessage(message, recipients));
            assertThat(failure).as("the send failed").isNotNull();
            return failure;
        }
    }

    private static MimeMessage message(Session session) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("joerg@example.org");
        message.setSubject("test");
        message.setText("text");
        return message;
    }
}

package io.github.directdelivery.jakarta;

import static io.github.directdelivery.jakarta.FakeInternetSessions.connectRecordingEvents;
import static io.github.directdelivery.jakarta.FakeInternetSessions.greenMailMx;
import static io.github.directdelivery.jakarta.FakeInternetSessions.properties;
import static io.github.directdelivery.jakarta.FakeInternetSessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.util.GreenMail;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ReceivedMessage;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.event.ConnectionEvent;
import jakarta.mail.event.ConnectionListener;
import jakarta.mail.event.TransportEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mx transport's registration, lifecycle and mapping of outcomes onto Jakarta Mail. */
class MxTransportTest {

    // Generous, because a poll returns as soon as the event or connection arrives.
    private static final Duration WAIT = Duration.ofSeconds(30);

    private FakeInternet internet;
    private ScriptedSmtpServer server;
    private final List<GreenMail> greenMails = new ArrayList<>();

    @BeforeEach
    void startNetwork() throws Exception {
        internet = FakeInternet.start();
        server = internet.mx("example.com", "mx.example.com", script -> script.onRecipient(
                        "nobody@example.com", "550 5.1.1 no such user")
                .onRecipient("later@example.com", "451 4.7.1 try again later"));
    }

    @AfterEach
    void stopNetwork() {
        greenMails.forEach(GreenMail::stop);
        internet.close();
    }

    @Test
    void providerIsRegisteredAsMx() throws Exception {
        Session session = Session.getInstance(MimeFixtures.sessionProperties());

        Provider provider = session.getProvider("mx");

        assertThat(provider.getType()).isEqualTo(Provider.Type.TRANSPORT);
        assertThat(provider.getClassName()).isEqualTo(MxTransport.class.getName());
        assertThat(session.getTransport("mx")).isInstanceOf(MxTransport.class);
        assertThat(session.getTransport("smtp")).isNotInstanceOf(MxTransport.class);
        assertThat(session.getProvider("smtp").getClassName()).isEqualTo("org.eclipse.angus.mail.smtp.SMTPTransport");
    }

    @Test
    void transportProtocolPropertySelectsMx() throws Exception {
        assertThat(session(internet).getTransport()).isInstanceOf(MxTransport.class);
    }

    @Test
    void connectOpensNoConnection() throws Exception {
        try (Transport transport = session(internet).getTransport()) {
            transport.connect();

            assertThat(transport.isConnected()).isTrue();
            assertThat(server.connections()).isEmpty();
            assertThat(internet.dns().queries()).isEmpty();
        }
    }

    @Test
    void connectAndCloseNotifyListeners() throws Exception {
        BlockingQueue<Integer> events = new LinkedBlockingQueue<>();
        Transport transport = session(internet).getTransport();
        transport.addConnectionListener(new ConnectionListener() {
            @Override
            public void opened(ConnectionEvent e) {
                events.add(e.getType());
            }

            @Override
            public void disconnected(ConnectionEvent e) {
                events.add(e.getType());
            }

            @Override
            public void closed(ConnectionEvent e) {
                events.add(e.getType());
            }
        });

        transport.connect("smtp.example.org", 587, "user", "password");
        assertThat(events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(ConnectionEvent.OPENED);
        assertThatThrownBy(transport::connect)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already connected");
        transport.close();

        assertThat(events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(ConnectionEvent.CLOSED);
        assertThat(server.connections()).isEmpty();
    }

    @Test
    void mixedOutcomesFillTheThreeLists() throws Exception {
        GreenMail greenMail = startGreenMail();
        internet.dns().nullMx("void.example");
        Session session = session(internet);
        MimeMessage message = message(session);
        Address[] recipients = InternetAddress.parse(
                "ok@example.com, ok@example.net, later@example.com," + " nobody@example.com, someone@void.example");

        BlockingQueue<TransportEvent> events = new LinkedBlockingQueue<>();
        DirectDeliverySendFailedException failure;
        TransportEvent event;
        try (Transport transport = connectRecordingEvents(session, events)) {
            failure = catchThrowableOfType(
                    DirectDeliverySendFailedException.class, () -> transport.sendMessage(message, recipients));
            event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        assertThat(failure.getValidSentAddresses()).containsExactly(recipients[0], recipients[1]);
        assertThat(failure.getValidUnsentAddresses()).containsExactly(recipients[2]);
        assertThat(failure.getInvalidAddresses()).containsExactly(recipients[3], recipients[4]);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(server.messages()).singleElement().satisfies(received -> assertThat(received.recipients())
                .containsExactly("ok@example.com"));

        RecipientResult refused = failure.result(recipients[3]).orElseThrow();
        assertThat(refused.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(refused.code()).isEqualTo(550);
        assertThat(refused.enhancedCode()).hasToString("5.1.1");
        assertThat(refused.host()).isEqualTo("mx.example.com");
        RecipientResult deferred = failure.result(recipients[2]).orElseThrow();
        assertThat(deferred.code()).isEqualTo(451);
        assertThat(deferred.enhancedCode()).hasToString("4.7.1");
        RecipientResult nullMx = failure.result(recipients[4]).orElseThrow();
        assertThat(nullMx.code()).isNull();
        assertThat(nullMx.enhancedCode()).hasToString("5.1.10");

        assertThat(event).isNotNull();
        assertThat(event.getType()).isEqualTo(TransportEvent.MESSAGE_PARTIALLY_DELIVERED);
        assertThat(event.getValidSentAddresses()).containsExactly(recipients[0], recipients[1]);
        assertThat(event.getValidUnsentAddresses()).containsExactly(recipients[2]);
        assertThat(event.getInvalidAddresses()).containsExactly(recipients[3], recipients[4]);
        assertThat(event.getMessage()).isSameAs(message);
    }

    @Test
    void noRecipientDeliveredFiresNotDelivered() throws Exception {
        Session session = session(internet);
        MimeMessage message = message(session);
        Address[] recipients = InternetAddress.parse("nobody@example.com, later@example.com");

        BlockingQueue<TransportEvent> events = new LinkedBlockingQueue<>();
        TransportEvent event;
        try (Transport transport = connectRecordingEvents(session, events)) {
            assertThatThrownBy(() -> transport.sendMessage(message, recipients))
                    .isInstanceOf(DirectDeliverySendFailedException.class)
                    .hasMessageStartingWith("Not delivered to 2 of 2 recipients: nobody@example.com FAILED 550 5.1.1");
            event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        assertThat(event).isNotNull();
        assertThat(event.getType()).isEqualTo(TransportEvent.MESSAGE_NOT_DELIVERED);
        assertThat(event.getValidSentAddresses()).isEmpty();
        assertThat(event.getValidUnsentAddresses()).containsExactly(recipients[1]);
        assertThat(event.getInvalidAddresses()).containsExactly(recipients[0]);
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void everyRecipientDeliveredFiresDelivered() throws Exception {
        Session session = session(internet);
        MimeMessage message = message(session);
        Address[] recipients = InternetAddress.parse("a@example.com, b@example.com");

        BlockingQueue<TransportEvent> events = new LinkedBlockingQueue<>();
        TransportEvent event;
        try (Transport transport = connectRecordingEvents(session, events)) {
            transport.sendMessage(message, recipients);
            event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        assertThat(event).isNotNull();
        assertThat(event.getType()).isEqualTo(TransportEvent.MESSAGE_DELIVERED);
        assertThat(event.getValidSentAddresses()).containsExactly(recipients);
        assertThat(event.getValidUnsentAddresses()).isEmpty();
        assertThat(event.getInvalidAddresses()).isEmpty();
        assertThat(server.messages()).singleElement().satisfies(received -> {
            assertThat(received.sender()).isEqualTo("joerg@example.org");
            assertThat(received.recipients()).containsExactly("a@example.com", "b@example.com");
        });
    }

    @Test
    void groupRecipientIsExpanded() throws Exception {
        Session session = session(internet);
        MimeMessage message = message(session);

        try (Transport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>())) {
            transport.sendMessage(message, InternetAddress.parse("team: a@example.com, b@example.com;"));
        }

        assertThat(server.messages()).singleElement().satisfies(received -> assertThat(received.recipients())
                .containsExactly("a@example.com", "b@example.com"));
    }

    @Test
    void connectionIsReusedAcrossMessages() throws Exception {
        Session session = session(internet);

        try (Transport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>())) {
            transport.sendMessage(message(session), InternetAddress.parse("a@example.com"));
            transport.sendMessage(message(session), InternetAddress.parse("b@example.com"));
        }

        assertThat(server.messages()).hasSize(2);
        assertThat(server.connections()).hasSize(1);
        assertThat(server.connections().get(0).awaitClosed(WAIT).commands())
                .filteredOn(command -> command.startsWith("MAIL FROM:"))
                .hasSize(2);
    }

    @Test
    void concurrentSendsShareOneTransport() throws Exception {
        Session session = session(internet);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (Transport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>())) {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Address[] recipient = InternetAddress.parse("user" + i + "@example.com");
                sends.add(threads.submit(() -> {
                    transport.sendMessage(message(session), recipient);
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                send.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(server.messages())
                .flatExtracting(ReceivedMessage::recipients)
                .containsExactlyInAnyOrder(
                        "user0@example.com",
                        "user1@example.com",
                        "user2@example.com",
                        "user3@example.com",
                        "user4@example.com",
                        "user5@example.com",
                        "user6@example.com",
                        "user7@example.com");
    }

    @Test
    void closeClosesPooledConnection() throws Exception {
        Session session = session(internet);
        Transport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>());
        transport.sendMessage(message(session), InternetAddress.parse("a@example.com"));

        transport.close();

        assertThat(transport.isConnected()).isFalse();
        assertThat(server.connections().get(0).awaitClosed(WAIT).isClosed()).isTrue();
        assertThatThrownBy(() -> transport.sendMessage(message(session), InternetAddress.parse("a@example.com")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not connected");
    }

    @Test
    void fromPropertyOverridesMessageSender() throws Exception {
        Properties properties = properties(internet);
        properties.setProperty("mail.mx.from", "bounces@example.org");
        Session session = Session.getInstance(properties);

        try (Transport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>())) {
            transport.sendMessage(message(session), InternetAddress.parse("a@example.com"));
        }

        assertThat(server.messages()).singleElement().satisfies(received -> assertThat(received.sender())
                .isEqualTo("bounces@example.org"));
    }

    @Test
    void messageWithoutSenderIsRejected() throws Exception {
        Session session = session(internet);
        MimeMessage message = new MimeMessage(session);
        message.setText("no From field");

        try (Transport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>())) {
            assertThatThrownBy(() -> transport.sendMessage(message, InternetAddress.parse("a@example.com")))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("no Sender or From address");
        }
        assertThat(server.connections()).isEmpty();
    }

    @Test
    void malformedRecipientIsRejectedBeforeSending() throws Exception {
        Session session = session(internet);
        InternetAddress malformed = new InternetAddress();
        malformed.setAddress("two@at@example.com");

        try (Transport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>())) {
            assertThatThrownBy(() -> transport.sendMessage(message(session), new Address[] {malformed}))
                    .isInstanceOf(SendFailedException.class)
                    .isNotInstanceOf(DirectDeliverySendFailedException.class)
                    .hasMessageContaining("two@at@example.com");
        }
        assertThat(server.connections()).isEmpty();
    }

    @Test
    void emptyRecipientListIsRejected() throws Exception {
        Session session = session(internet);

        try (Transport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>())) {
            assertThatThrownBy(() -> transport.sendMessage(message(session), new Address[0]))
                    .isInstanceOf(SendFailedException.class)
                    .hasMessage("No recipient addresses");
        }
    }

    @Test
    void misspeltValueFailsConnect() throws Exception {
        Properties properties = properties(internet);
        properties.setProperty("mail.mx.tls", "verfied");

        try (Transport transport = Session.getInstance(properties).getTransport()) {
            assertThatThrownBy(transport::connect)
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("Invalid mail.mx.tls \"verfied\": not one of the accepted values."
                            + " Expected none, opportunistic, required or verified.");
            assertThat(transport.isConnected()).isFalse();
        }
    }

    @Test
    void misspeltKeyFailsStaticSend() throws Exception {
        Properties properties = properties(internet);
        properties.setProperty("mail.transport.protocol.rfc822", "mx");
        properties.setProperty("mail.mx.locahost", FakeInternetSessions.HELO);
        Session session = Session.getInstance(properties);

        assertThatThrownBy(() -> Transport.send(message(session)))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("Unknown property mail.mx.locahost. Did you mean mail.mx.localhost?");
        assertThat(server.connections()).isEmpty();
    }

    /**
     * Returns a connected transport that puts its transport events into {@code events}. Tests take
     * the events before closing the transport: Jakarta Mail 2.1.5 drops queued events when
     * {@code close()} ends the event queue before its dispatch thread has started.
     */
    /** Starts GreenMail as the MX host of example.net, to be stopped after the test. */
    private GreenMail startGreenMail() throws IOException {
        GreenMail greenMail = greenMailMx(internet, "example.net", "mx.example.net");
        greenMails.add(greenMail);
        return greenMail;
    }

    private static MimeMessage message(Session session) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("joerg@example.org");
        message.setRecipients(RecipientType.TO, "a@example.com");
        message.setSubject("test");
        message.setText("text");
        return message;
    }
}

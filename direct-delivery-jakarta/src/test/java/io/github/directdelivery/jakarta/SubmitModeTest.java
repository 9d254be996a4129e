package io.github.directdelivery.jakarta;

import static io.github.directdelivery.jakarta.FakeInternetSessions.connectRecordingEvents;
import static io.github.directdelivery.jakarta.FakeInternetSessions.greenMailMx;
import static io.github.directdelivery.jakarta.FakeInternetSessions.properties;
import static io.github.directdelivery.jakarta.FakeInternetSessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.QueueStats;
import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ReceivedMessage;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.event.TransportEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submit mode: sending stores the message in a spool shared by every transport, whose workers deliver it. */
class SubmitModeTest {

    // Generous, because each wait returns as soon as its condition holds.
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Path spool;
    private FakeInternet internet;
    private final List<GreenMail> greenMails = new ArrayList<>();

    @BeforeEach
    void startNetwork(@TempDir Path directory) throws Exception {
        spool = directory;
        internet = FakeInternet.start();
    }

    @AfterEach
    void stopEverything() {
        MxSpools.closeAll();
        greenMails.forEach(GreenMail::stop);
        internet.close();
    }

    @Test
    void submittedMessageReachesMailbox() throws Exception {
        GreenMail greenMail = startGreenMail();
        Session session = Session.getInstance(submitProperties());
        MimeMessage message = message(session, "anna@example.net");
        message.setRecipients(RecipientType.BCC, "hidden@example.net");
        String line = "The quick brown fox jumps over the lazy dog. ".repeat(30);
        message.setText(line + "\r\nend", "US-ASCII");

        BlockingQueue<TransportEvent> events = new LinkedBlockingQueue<>();
        QueueId id;
        TransportEvent event;
        try (MxTransport transport = connectRecordingEvents(session, events)) {
            id = transport.submitMessage(message, message.getAllRecipients());
            event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        assertThat(id.value()).isNotBlank();
        assertThat(event).isNotNull();
        assertThat(event.getType()).isEqualTo(TransportEvent.MESSAGE_DELIVERED);
        assertThat(event.getValidSentAddresses()).containsExactly(message.getAllRecipients());
        // Polled: GreenMail 2.1.8's waitForIncomingEmail timed out here although both copies were delivered.
        await("both copies to arrive", () -> greenMail.getReceivedMessages().length == 2);
        assertThat(greenMail.getUserManager().getUserByEmail("hidden@example.net"))
                .isNotNull();
        for (MimeMessage received : greenMail.getReceivedMessages()) {
            assertThat(received.getMessageID()).isEqualTo(message.getMessageID());
            assertThat(received.getHeader("Bcc")).isNull();
            assertThat(GreenMailUtil.getWholeMessage(received)).doesNotContain("hidden@example.net");
            assertThat(received.getEncoding()).isEqualTo("quoted-printable");
            assertThat(received.getContent()).isEqualTo(line + "\r\nend");
        }
        await("the spool to empty", () -> stats().messages() == 0);
    }

    @Test
    void staticSendDeliversAfterTransportIsClosed() throws Exception {
        GreenMail greenMail = startGreenMail();
        Properties properties = submitProperties();
        properties.remove("mail.transport.protocol");
        properties.setProperty("mail.transport.protocol.rfc822", "mx");
        // Were the smtp transport used, it would try this port on loopback and fail.
        properties.setProperty("mail.smtp.port", "1");
        Session session = Session.getInstance(properties);
        MimeMessage message = message(session, "anna@example.net");
        message.setSubject("static send");

        Transport.send(message);

        await("the message to arrive", () -> greenMail.getReceivedMessages().length == 1);
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("static send");
        assertThat(MxSpools.openDirectories()).containsExactly(spool.toRealPath());
    }

    @Test
    void closedTransportKeepsDelivering() throws Exception {
        ScriptedSmtpServer busy =
                internet.mx("example.com", "mx.example.com", script -> script.on("RCPT", "451 4.3.0 busy"));
        Session session = Session.getInstance(submitProperties());
        try (Transport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>())) {
            transport.sendMessage(message(session, "a@example.com"), InternetAddress.parse("a@example.com"));
        }
        awaitRecipientCommand(busy, "a@example.com");

        ScriptedSmtpServer ready = internet.restart(busy, script -> script);

        await("the retry to deliver", () -> ready.messages().size() == 1);
        assertThat(ready.messages().get(0).recipients()).containsExactly("a@example.com");
    }

    @Test
    void messageSurvivesRestartOfSpool() throws Exception {
        ScriptedSmtpServer busy =
                internet.mx("example.com", "mx.example.com", script -> script.on("RCPT", "451 4.3.0 busy"));
        Session session = Session.getInstance(submitProperties());
        MimeMessage message = message(session, "a@example.com");
        try (Transport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>())) {
            transport.sendMessage(message, message.getAllRecipients());
        }
        awaitRecipientCommand(busy, "a@example.com");

        MxSpools.closeAll();
        assertThat(MxSpools.openDirectories()).isEmpty();
        assertThat(busy.messages()).isEmpty();
        try (Stream<Path> files = Files.list(spool.resolve("messages"))) {
            assertThat(files).hasSize(1);
        }
        ScriptedSmtpServer ready = internet.restart(busy, script -> script);
        // Connecting opens the spool again, and its queue resumes the stored message.
        Transport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>());
        transport.close();
        assertThat(MxSpools.openDirectories()).containsExactly(spool.toRealPath());

        await("the resumed message to be delivered", () -> ready.messages().size() == 1);

        ReceivedMessage received = ready.messages().get(0);
        assertThat(received.recipients()).containsExactly("a@example.com");
        assertThat(received.contentText()).contains("Message-ID: " + message.getMessageID());
        await("the spool to empty", () -> stats().messages() == 0);
    }

    @Test
    void twoTransportsShareOneSpool() throws Exception {
        ScriptedSmtpServer server = internet.mx("example.com", "mx.example.com");
        Session first = Session.getInstance(submitProperties());
        Properties otherSender = submitProperties();
        otherSender.setProperty("mail.mx.from", "bounces@example.org");
        // The same directory through another path.
        otherSender.setProperty("mail.mx.spool.directory", spool.resolve(".").toString());
        Session second = Session.getInstance(otherSender);

        MxTransport one = connectRecordingEvents(first, new LinkedBlockingQueue<>());
        try (MxTransport two = connectRecordingEvents(second, new LinkedBlockingQueue<>())) {
            assertThat(MxSpools.openDirectories()).containsExactly(spool.toRealPath());
            one.sendMessage(message(first, "a@example.com"), InternetAddress.parse("a@example.com"));
            one.close();
            two.sendMessage(message(second, "b@example.com"), InternetAddress.parse("b@example.com"));
        }

        await("both messages to be delivered", () -> server.messages().size() == 2);
        assertThat(server.messages())
                .extracting(ReceivedMessage::sender)
                .containsExactlyInAnyOrder("joerg@example.org", "bounces@example.org");
        assertThat(MxSpools.openDirectories()).containsExactly(spool.toRealPath());
    }

    @Test
    void differingSettingsAreRejected() throws Exception {
        internet.mx("example.com", "mx.example.com");
        Properties other = submitProperties();
        other.setProperty("mail.mx.tls", "required");

        try (Transport first =
                        connectRecordingEvents(Session.getInstance(submitProperties()), new LinkedBlockingQueue<>());
                Transport second = Session.getInstance(other).getTransport()) {
            assertThatThrownBy(second::connect)
                    .isInstanceOf(MessagingException.class)
                    .hasMessageStartingWith("The spool " + spool.toRealPath() + " is already open with other settings")
                    .hasMessageContaining("mail.mx.tls is \"required\" here but not set in the open spool.")
                    .hasMessageContaining("MxSpools.close");
            assertThat(second.isConnected()).isFalse();
            assertThat(first.isConnected()).isTrue();
        }
    }

    @Test
    void missingSpoolDirectoryFailsConnect() throws Exception {
        internet.mx("example.com", "mx.example.com");
        Properties properties = submitProperties();
        properties.remove("mail.mx.spool.directory");

        try (Transport transport = Session.getInstance(properties).getTransport()) {
            assertThatThrownBy(transport::connect)
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("mail.mx.mode is submit, but mail.mx.spool.directory is not set;"
                            + " set it to the directory where submitted messages are stored.");
        }
        assertThat(MxSpools.openDirectories()).isEmpty();
    }

    @Test
    void fileInPlaceOfSpoolDirectoryFailsConnect() throws Exception {
        internet.mx("example.com", "mx.example.com");
        Path file = Files.writeString(spool.resolve("not-a-directory"), "x");
        Properties properties = submitProperties();
        properties.setProperty("mail.mx.spool.directory", file.toString());

        try (Transport transport = Session.getInstance(properties).getTransport()) {
            assertThatThrownBy(transport::connect)
                    .isInstanceOf(MessagingException.class)
                    .hasMessageStartingWith(
                            "Cannot use mail.mx.spool.directory \"" + file + "\": it exists and is not a directory.");
        }
        assertThat(MxSpools.openDirectories()).isEmpty();
    }

    @Test
    void spoolInUseByAnotherQueueFailsConnect() throws Exception {
        internet.mx("example.com", "mx.example.com");
        try (DirectDelivery client = DirectDelivery.builder()
                        .heloName(FakeInternetSessions.HELO)
                        .dnsServer(internet.dnsServer())
                        .build();
                DurableDelivery other = DurableDelivery.builder(client, spool).build();
                Transport transport = Session.getInstance(submitProperties()).getTransport()) {
            assertThatThrownBy(transport::connect)
                    .isInstanceOf(MessagingException.class)
                    .hasMessageStartingWith("Cannot use mail.mx.spool.directory \"" + spool + "\": ")
                    .hasMessageContaining("no other process uses as its spool");
            assertThat(other.stats().messages()).isZero();
        }
        assertThat(MxSpools.openDirectories()).isEmpty();
    }

    @Test
    void invalidModeFailsConnect() throws Exception {
        internet.mx("example.com", "mx.example.com");
        Properties properties = submitProperties();
        properties.setProperty("mail.mx.mode", "queue");

        try (Transport transport = Session.getInstance(properties).getTransport()) {
            assertThatThrownBy(transport::connect)
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("Invalid mail.mx.mode \"queue\": not one of the accepted values."
                            + " Expected send or submit.");
        }
    }

    @Test
    void malformedRecipientIsRejectedBeforeStoring() throws Exception {
        internet.mx("example.com", "mx.example.com");
        Session session = Session.getInstance(submitProperties());
        InternetAddress malformed = new InternetAddress();
        malformed.setAddress("two@at@example.com");

        try (MxTransport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>())) {
            assertThatThrownBy(
                            () -> transport.submitMessage(message(session, "a@example.com"), new Address[] {malformed}))
                    .isInstanceOf(SendFailedException.class)
                    .hasMessageContaining("two@at@example.com");
        }
        assertThat(stats().messages()).isZero();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void invalidMessageIsRejectedBeforeStoring() throws Exception {
        internet.mx("example.com", "mx.example.com");
        Session session = Session.getInstance(submitProperties());
        MimeMessage message = message(session, "a@example.com");
        // A header field cannot be re-encoded, so a line longer than RFC 5322 allows stays too long.
        message.setHeader("X-Tracking", "x".repeat(1200));

        try (MxTransport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>())) {
            assertThatThrownBy(() -> transport.sendMessage(message, message.getAllRecipients()))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageStartingWith("The message cannot be sent as it is: ");
        }
        assertThat(stats().messages()).isZero();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void sendAfterSpoolIsClosedFails() throws Exception {
        internet.mx("example.com", "mx.example.com");
        Session session = Session.getInstance(submitProperties());

        try (MxTransport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>())) {
            assertThat(MxSpools.close(spool)).isTrue();
            assertThat(MxSpools.close(spool)).isFalse();
            assertThat(MxSpools.stats(spool)).isEmpty();

            assertThatThrownBy(() -> transport.sendMessage(
                            message(session, "a@example.com"), InternetAddress.parse("a@example.com")))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageStartingWith("The message was not queued because the spool was closed")
                    .hasMessageEndingWith("Connect the transport again to reopen the spool.");
        }
    }

    @Test
    void submitMessageNeedsSubmitMode() throws Exception {
        internet.mx("example.com", "mx.example.com");
        Session session = session(internet);

        try (MxTransport transport = connectRecordingEvents(session, new LinkedBlockingQueue<>())) {
            assertThatThrownBy(() -> transport.submitMessage(
                            message(session, "a@example.com"), InternetAddress.parse("a@example.com")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("set mail.mx.mode=submit");
        }
    }

    /** Starts GreenMail as the MX host of example.net, to be stopped after the test. */
    private GreenMail startGreenMail() throws IOException {
        GreenMail greenMail = greenMailMx(internet, "example.net", "mx.example.net");
        greenMails.add(greenMail);
        return greenMail;
    }

    /** Returns the network's properties in submit mode, with quick retries and no jitter. */
    private Properties submitProperties() {
        Properties properties = properties(internet);
        properties.setProperty("mail.mx.mode", "submit");
        properties.setProperty("mail.mx.spool.directory", spool.toString());
        properties.setProperty("mail.mx.spool.retry.interval", "1s");
        properties.setProperty("mail.mx.spool.retry.maxinterval", "2s");
        properties.setProperty("mail.mx.spool.retry.jitter", "0");
        return properties;
    }

    private QueueStats stats() {
        return MxSpools.stats(spool).orElseThrow();
    }

    private List<Path> spoolFiles() throws Exception {
        Path messages = spool.resolve("messages");
        if (!Files.isDirectory(messages)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(messages)) {
            return files.toList();
        }
    }

    /** Waits until the server has been sent RCPT for {@code recipient}, that is, an attempt was made. */
    private static void awaitRecipientCommand(ScriptedSmtpServer server, String recipient) throws Exception {
        String command = "RCPT TO:<" + recipient + ">";
        await("an attempt to reach " + recipient, () -> server.connections().stream()
                .anyMatch(connection -> connection.commands().stream().anyMatch(c -> c.startsWith(command))));
    }

    /** Polls {@code condition} until it holds, failing after {@link #WAIT}. */
    private static void await(String description, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + WAIT + " waiting for " + description);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static MimeMessage message(Session session, String recipient) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("joerg@example.org");
        message.setRecipients(RecipientType.TO, recipient);
        message.setSubject("queued");
        message.setText("text");
        return message;
    }
}

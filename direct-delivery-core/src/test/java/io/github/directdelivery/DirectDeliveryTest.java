package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ReceivedMessage;
import io.github.directdelivery.testkit.RecordedConnection;
import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import io.github.directdelivery.testkit.TlsIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectDeliveryTest {

    private static final String MESSAGE = crlf(
            "From: sender@example.com",
            "To: someone@example.org",
            "Subject: test",
            "Message-ID: <1@example.com>",
            "Date: Sun, 1 Mar 2026 10:00:00 +0000",
            "",
            "Hello.");

    private FakeInternet network;

    @BeforeEach
    void startNetwork() throws IOException {
        network = FakeInternet.start();
    }

    @AfterEach
    void stopNetwork() {
        network.close();
    }

    @Test
    void messageToTwoDomainsSkipsTheMxThatRefusesConnections() throws IOException {
        network.dns().mx("example.org", 10, "mx1.example.org").mx("example.org", 20, "mx2.example.org");
        network.dns().mx("example.net", 10, "mx.example.net");
        network.unreachableHost("mx1.example.org");
        ScriptedSmtpServer second = network.host("mx2.example.org");
        ScriptedSmtpServer other = network.host("mx.example.net");

        DeliveryReport report = send(TestClient.builder(network), "alice@example.org", "bob@example.net");

        assertDelivered(report, "alice@example.org", "mx2.example.org");
        assertDelivered(report, "bob@example.net", "mx.example.net");
        assertThat(second.messages()).singleElement().satisfies(m -> assertThat(m.recipients())
                .containsExactly("alice@example.org"));
        assertThat(other.messages()).singleElement().satisfies(m -> assertThat(m.recipients())
                .containsExactly("bob@example.net"));
    }

    @Test
    void ehlo421MovesToTheNextMxWithoutHelo() throws IOException {
        network.dns().mx("example.org", 10, "mx1.example.org").mx("example.org", 20, "mx2.example.org");
        ScriptedSmtpServer first = network.host(
                "mx1.example.org",
                b -> b.ehloReply(ScriptedReply.of("421 4.3.2 too busy").thenDisconnect()));
        ScriptedSmtpServer second = network.host("mx2.example.org");

        DeliveryReport report = send(TestClient.builder(network), "alice@example.org");

        assertDelivered(report, "alice@example.org", "mx2.example.org");
        assertThat(commands(first)).containsExactly("EHLO client.example.test");
        assertThat(second.messages()).hasSize(1);
    }

    @Test
    void greeting554GetsQuitAndTheNextMxDelivers() throws IOException {
        network.dns().mx("example.org", 10, "mx1.example.org").mx("example.org", 20, "mx2.example.org");
        ScriptedSmtpServer first = network.host("mx1.example.org", b -> b.greeting("554 5.7.1 no service here"));
        network.host("mx2.example.org");

        DeliveryReport report = send(TestClient.builder(network), "alice@example.org");

        assertDelivered(report, "alice@example.org", "mx2.example.org");
        assertThat(commands(first)).containsExactly("QUIT");
    }

    @Test
    void secondAddressOfAnMxIsTriedWhenNothingListensOnTheFirst() throws IOException {
        network.dns().mx("example.org", 10, "mx.example.org");
        String dead = network.unreachableHost("dead.example.org").getHostAddress();
        ScriptedSmtpServer live = network.host("live.example.org");
        network.dns().a("mx.example.org", dead, live.address().getAddress().getHostAddress());

        DeliveryReport report = send(TestClient.builder(network), "alice@example.org");

        RecipientResult result = assertDelivered(report, "alice@example.org", "mx.example.org");
        assertThat(result.address()).isEqualTo(live.address().getAddress());
    }

    @Test
    void greylistedRecipientIsDeliveredAfterOneRetryWhenRepliesAreRetried() throws IOException {
        network.dns().mx("example.org", 10, "mx.example.org");
        ScriptedSmtpServer server = network.host(
                "mx.example.org",
                b -> b.on(
                        "RCPT", ScriptedReply.of("451 4.7.1 greylisted, try again"), ScriptedReply.of("250 2.1.5 ok")));
        RetrySettings retry = RetrySettings.defaults()
                .withInitialInterval(Duration.ofMillis(10))
                .withRetryTransientReplies(true);

        DeliveryReport report = send(TestClient.builder(network).retry(retry), "alice@example.org");

        RecipientResult result = assertDelivered(report, "alice@example.org", "mx.example.org");
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void greylistedRecipientStaysDeferredByDefault() throws IOException {
        network.dns().mx("example.org", 10, "mx.example.org");
        ScriptedSmtpServer server = network.host(
                "mx.example.org",
                b -> b.on(
                        "RCPT", ScriptedReply.of("451 4.7.1 greylisted, try again"), ScriptedReply.of("250 2.1.5 ok")));
        RetrySettings retry = RetrySettings.defaults().withInitialInterval(Duration.ofMillis(10));

        DeliveryReport report = send(TestClient.builder(network).retry(retry), "alice@example.org");

        RecipientResult result = report.results().get(0);
        assertThat(result.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(result.code()).isEqualTo(451);
        assertThat(result.enhancedCode()).isEqualTo(EnhancedStatusCode.parse("4.7.1"));
        assertThat(result.host()).isEqualTo("mx.example.org");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void relayTakesRecipientsWhoseMxHostsRefuseConnections() throws IOException {
        network.dns().mx("example.org", 10, "mx.example.org");
        network.unreachableHost("mx.example.org");
        ScriptedSmtpServer direct = network.host("unused.example.org");
        TlsIdentity identity = TlsIdentity.selfSigned("relay.example.test");
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.builder()
                .hostName("relay.example.test")
                .startTls(identity)
                .credentials("app", "secret")
                .start()) {
            FallbackRelay fallback = new FallbackRelay(
                    "127.0.0.1", relay.port(), false, TlsPolicy.REQUIRED, new Credentials("app", "secret"));

            DeliveryReport report = send(TestClient.builder(network).fallbackRelay(fallback), "alice@example.org");

            RecipientResult result = report.results().get(0);
            assertThat(result.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(result.relayed()).isTrue();
            assertThat(result.host()).isEqualTo("127.0.0.1");
            assertThat(relay.messages()).singleElement().satisfies(m -> assertThat(m.recipients())
                    .containsExactly("alice@example.org"));
            assertThat(commands(relay)).anyMatch(command -> command.startsWith("AUTH "));
            assertThat(direct.connections()).isEmpty();
        }
    }

    @Test
    void relayIsNotUsedWhenTheMxAnswersWith451() throws IOException {
        network.dns().mx("example.org", 10, "mx.example.org");
        network.host("mx.example.org", b -> b.onRecipient("alice@example.org", "451 4.3.0 try later"));
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.builder().start()) {
            FallbackRelay fallback = new FallbackRelay("127.0.0.1", relay.port(), false, TlsPolicy.NONE, null);

            DeliveryReport report = send(TestClient.builder(network).fallbackRelay(fallback), "alice@example.org");

            RecipientResult result = report.results().get(0);
            assertThat(result.status()).isEqualTo(DeliveryStatus.DEFERRED);
            assertThat(result.code()).isEqualTo(451);
            assertThat(result.relayed()).isFalse();
            assertThat(relay.connections()).isEmpty();
        }
    }

    @Test
    void bccHeaderNeverReachesTheServer() throws IOException {
        network.dns().mx("example.org", 10, "mx.example.org");
        ScriptedSmtpServer server = network.host("mx.example.org");
        String message = crlf(
                "From: a@example.com", "To: alice@example.org", "Bcc: hidden@example.org", "Subject: x", "", "Body");

        try (DirectDelivery client = TestClient.builder(network).build()) {
            client.send(
                    Envelope.of("a@example.com", "alice@example.org", "hidden@example.org"),
                    MessageSource.ofString(message));
        }

        ReceivedMessage received = server.messages().get(0);
        assertThat(received.recipients()).containsExactly("alice@example.org", "hidden@example.org");
        assertThat(received.contentText()).doesNotContainIgnoringCase("bcc").contains("To: alice@example.org\r\n");
        assertThat(received.contentText()).containsPattern("Message-ID: <[^>]+@client\\.example\\.test>\r\n");
    }

    @Test
    void hundredMessagesToOneHostShareOneConnection() throws IOException {
        network.dns().mx("example.org", 10, "mx.example.org");
        ScriptedSmtpServer server = network.host("mx.example.org");

        try (DirectDelivery client = TestClient.builder(network).build()) {
            for (int i = 0; i < 100; i++) {
                DeliveryReport report =
                        client.send(Envelope.of("a@example.com", "alice@example.org"), MessageSource.ofString(MESSAGE));
                assertThat(report.allDelivered()).as("message %d", i).isTrue();
            }
        }

        assertThat(server.connections()).hasSize(1);
        assertThat(commands(server).stream().filter(c -> c.startsWith("MAIL FROM:")))
                .hasSize(100);
        assertThat(server.messages()).hasSize(100);
    }

    @Test
    void hostThatKeepsFailingIsSkippedOnceItsCircuitOpens() throws IOException {
        network.dns().mx("example.org", 10, "mx1.example.org").mx("example.org", 20, "mx2.example.org");
        ScriptedSmtpServer failing = network.host("mx1.example.org", b -> b.greeting("554 5.3.2 not now"));
        ScriptedSmtpServer working = network.host("mx2.example.org");

        try (DirectDelivery client = TestClient.builder(network)
                .circuitBreaker(3, Duration.ofMinutes(5))
                .build()) {
            for (int i = 0; i < 6; i++) {
                DeliveryReport report =
                        client.send(Envelope.of("a@example.com", "alice@example.org"), MessageSource.ofString(MESSAGE));
                assertDelivered(report, "alice@example.org", "mx2.example.org");
            }
        }

        assertThat(failing.connections()).hasSize(3);
        assertThat(working.messages()).hasSize(6);
    }

    @Test
    void asyncSendCompletesWithTheReport() throws Exception {
        network.dns().mx("example.org", 10, "mx.example.org");
        network.host("mx.example.org");

        try (DirectDelivery client = TestClient.builder(network).build()) {
            CompletableFuture<DeliveryReport> future = client.sendAsync(
                    Envelope.of("a@example.com", "alice@example.org"), MessageSource.ofString(MESSAGE));

            assertDelivered(future.get(), "alice@example.org", "mx.example.org");
        }
    }

    @Test
    void sixteenThreadsSendingAtOnceAllGetCorrectReports() throws Exception {
        network.dns().mx("example.org", 10, "mx.example.org");
        network.dns().mx("example.net", 10, "mx.example.net");
        ScriptedSmtpServer org =
                network.host("mx.example.org", b -> b.onRecipient("nobody@example.org", "550 5.1.1 no such user"));
        ScriptedSmtpServer net = network.host("mx.example.net");
        ExecutorService threads = Executors.newFixedThreadPool(16);

        try (DirectDelivery client = TestClient.builder(network).build()) {
            List<Future<DeliveryReport>> reports = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String recipient = "user" + i + "@example.net";
                reports.add(threads.submit(() -> client.send(
                        Envelope.of("a@example.com", "nobody@example.org", recipient),
                        MessageSource.ofString(MESSAGE))));
            }
            for (int i = 0; i < 16; i++) {
                DeliveryReport report = reports.get(i).get();
                assertThat(report.results()).hasSize(2);
                assertThat(report.results().get(0).status()).isEqualTo(DeliveryStatus.FAILED);
                assertThat(report.results().get(0).code()).isEqualTo(550);
                assertDelivered(report, "user" + i + "@example.net", "mx.example.net");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(org.messages()).isEmpty();
        assertThat(net.messages()).hasSize(16);
        assertThat(net.messages().stream().flatMap(m -> m.recipients().stream()).distinct())
                .hasSize(16);
    }

    @Test
    void nullMxFailsWithoutConnecting() throws IOException {
        network.dns().nullMx("example.org");
        ScriptedSmtpServer server = network.host("mx.example.org");

        DeliveryReport report = send(TestClient.builder(network), "alice@example.org");

        RecipientResult result = report.results().get(0);
        assertThat(result.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(result.enhancedCode()).isEqualTo(EnhancedStatusCode.NULL_MX);
        assertThat(result.code()).isNull();
        assertThat(server.connections()).isEmpty();
    }

    @Test
    void badInputIsRejectedBeforeAnyNetworkTraffic() throws IOException {
        ScriptedSmtpServer server = network.host("mx.example.org");
        network.dns().mx("example.org", 10, "mx.example.org");

        try (DirectDelivery client = TestClient.builder(network).build()) {
            MessageSource message = MessageSource.ofString(MESSAGE);
            assertThatThrownBy(() -> Envelope.of("a@example.com"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one recipient");
            assertThatThrownBy(() -> client.send(Envelope.of("a@example.com", "not-an-address"), message))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not-an-address");
            assertThatThrownBy(() -> client.send(Envelope.of("a@example.com", "alice@example.org\r\nRSET"), message))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CR, LF or NUL");
            assertThatThrownBy(() -> client.send(Envelope.of("a@example.com\nx", "alice@example.org"), message))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() ->
                            client.send(Envelope.of("a@example.com", "alice@example.org"), MessageSource.ofString("")))
                    .isInstanceOf(InvalidMessageException.class)
                    .hasMessage("The message is empty");
            assertThatThrownBy(() -> client.send(
                            Envelope.of("a@example.com", "alice@example.org"),
                            MessageSource.ofString("Subject: x\r\n\r\n" + "a".repeat(999) + "\r\n")))
                    .isInstanceOf(InvalidMessageException.class)
                    .hasMessageContaining("line of 999 octets");
        }

        assertThat(server.connections()).isEmpty();
        assertThat(network.dns().queries()).isEmpty();
    }

    @Test
    void connectionLostAfterTheDataLeavesTheOutcomeUnknownAndIsNotResent() throws IOException {
        network.dns().mx("example.org", 10, "mx.example.org");
        ScriptedSmtpServer server = network.host("mx.example.org", b -> b.onEndOfData(ScriptedReply.disconnect()));
        RetrySettings retry = RetrySettings.defaults().withInitialInterval(Duration.ofMillis(10));

        DeliveryReport report = send(TestClient.builder(network).retry(retry), "alice@example.org");

        RecipientResult result = report.results().get(0);
        assertThat(result.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(result.outcomeUnknown()).isTrue();
        assertThat(commands(server).stream().filter(c -> c.startsWith("MAIL FROM:")))
                .hasSize(1);
    }

    @Test
    void listenerSeesPairedEventsForEachPhase() throws IOException {
        network.dns().mx("example.org", 10, "mx.example.org");
        network.host("mx.example.org");
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void resolveStart(String domain) {
                events.add("resolveStart " + domain);
            }

            @Override
            public void resolveEnd(String domain, Route route) {
                events.add("resolveEnd " + domain + " " + (route instanceof ResolvedRoute));
            }

            @Override
            public void connectStart(String host, InetSocketAddress address) {
                events.add("connectStart " + host);
            }

            @Override
            public void connectEnd(String host, InetSocketAddress address) {
                events.add("connectEnd " + host);
            }

            @Override
            public void transactionStart(String host, List<String> recipients) {
                events.add("transactionStart " + host + " " + recipients);
            }

            @Override
            public void transactionEnd(String host, List<RecipientResult> results) {
                events.add("transactionEnd " + host + " " + results.size());
            }

            @Override
            public void recipientCompleted(RecipientResult result) {
                events.add("recipientCompleted " + result.recipient() + " " + result.status());
                throw new IllegalStateException("a listener failure must not break delivery");
            }
        };

        DeliveryReport report = send(TestClient.builder(network).listener(listener), "alice@example.org");

        assertThat(report.allDelivered()).isTrue();
        assertThat(events)
                .containsExactly(
                        "resolveStart example.org",
                        "resolveEnd example.org true",
                        "connectStart mx.example.org",
                        "connectEnd mx.example.org",
                        "transactionStart mx.example.org [alice@example.org]",
                        "transactionEnd mx.example.org 1",
                        "recipientCompleted alice@example.org DELIVERED");
    }

    @Test
    void closedClientRejectsSend() throws IOException {
        network.host("mx.example.org");
        DirectDelivery client = TestClient.builder(network).build();
        assertThat(client.isClosed()).isFalse();
        client.close();

        assertThat(client.isClosed()).isTrue();
        assertThatThrownBy(() ->
                        client.send(Envelope.of("a@example.com", "alice@example.org"), MessageSource.ofString(MESSAGE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private static String crlf(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    private static DeliveryReport send(DirectDelivery.Builder builder, String... recipients) {
        try (DirectDelivery client = builder.build()) {
            return client.send(Envelope.of("sender@example.com", recipients), MessageSource.ofString(MESSAGE));
        }
    }

    private static RecipientResult assertDelivered(DeliveryReport report, String recipient, String host) {
        RecipientResult result = report.result(recipient).orElseThrow();
        assertThat(result.status()).as("status of %s: %s", recipient, result).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(result.code()).isEqualTo(250);
        assertThat(result.host()).isEqualTo(host);
        assertThat(result.relayed()).isFalse();
        return result;
    }

    private static List<String> commands(ScriptedSmtpServer server) {
        List<String> commands = new ArrayList<>();
        for (RecordedConnection connection : server.connections()) {
            connection.awaitClosed(Duration.ofSeconds(5));
            commands.addAll(connection.commands());
        }
        return commands;
    }
}

package io.github.directdelivery.bench.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.bench.TestMessages;
import io.github.directdelivery.testkit.DnsServer;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableSubmitContenderTest {

    private static final String MX_HOST = "mx." + TestMessages.RECIPIENT_DOMAIN;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Path spool;
    private DnsServer dns;
    private ScriptedSmtpServer server;

    @BeforeEach
    void start(@TempDir Path directory) throws IOException {
        spool = directory;
        dns = DnsServer.start();
        server = ScriptedSmtpServer.builder().start();
    }

    @AfterEach
    void stop() {
        server.close();
        dns.close();
    }

    /** Counts the messages that the scripted server accepted, as smtp-sink's counter does. */
    private ReceivedCount serverCount() {
        return new ReceivedCount() {
            @Override
            public long received() {
                return server.messages().size();
            }

            @Override
            public void awaitReceived(long count, Duration timeout) throws IOException, InterruptedException {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (received() < count) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("the server received " + received() + " of " + count + " messages");
                    }
                    Thread.sleep(10);
                }
            }
        };
    }

    private DurableSubmitContender contender(UnaryOperator<ScriptedSmtpServer.Builder> script) throws IOException {
        server.close();
        server = script.apply(ScriptedSmtpServer.builder()).start();
        dns.mx(TestMessages.RECIPIENT_DOMAIN, 10, MX_HOST)
                .a(MX_HOST, server.address().getAddress().getHostAddress());
        DirectDelivery.Builder client = DirectDelivery.builder()
                .heloName(TestMessages.CLIENT_NAME)
                .dnsServer(dns.address())
                .smtpPort(server.port())
                .allowLocalDestinations(true);
        return DurableSubmitContender.open(client, spool, serverCount(), 2048, TIMEOUT);
    }

    @Test
    void everyMessageArrivesOnceInEachRun() throws Exception {
        try (DurableSubmitContender library = contender(builder -> builder)) {
            assertThat(library.run(20, 3)).isPositive();
            assertThat(library.run(10, 2)).isPositive();
        }

        assertThat(server.messages()).hasSize(30);
        String content = new String(server.messages().get(0).content(), StandardCharsets.US_ASCII);
        assertThat(content).contains("Message-Id: <benchmark@client.bench.test>");
    }

    @Test
    void rejectedRecipientFailsRun() throws IOException {
        try (DurableSubmitContender library =
                contender(builder -> builder.onRecipient(TestMessages.RECIPIENT, "550 5.1.1 no such user"))) {
            assertThatThrownBy(() -> library.run(5, 2))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("failed")
                    .hasMessageContaining("no such user");
        }
    }

    @Test
    void deferredRecipientFailsRunWithoutWaitingForRetry() throws IOException {
        try (DurableSubmitContender library =
                contender(builder -> builder.onRecipient(TestMessages.RECIPIENT, "450 4.2.0 try again later"))) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> library.run(5, 2))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("was deferred")
                    .hasMessageContaining("try again later");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
        }
    }
}

package io.github.directdelivery;

import static io.github.directdelivery.QueueFixture.MESSAGE;
import static io.github.directdelivery.QueueFixture.recipients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A queue whose client was closed before it: nothing is accepted that cannot be sent, nothing is lost. */
class DurableDeliveryClosedClientTest {

    private static final Envelope ENVELOPE = Envelope.of("sender@example.com", "bob@example.org");

    private QueueFixture fixture;

    @BeforeEach
    void setUp(@TempDir Path spool) throws IOException {
        fixture = new QueueFixture(spool);
        fixture.network.dns().mx("example.org", 10, "mx.example.org");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void submitRejectsWhenClientIsClosed() throws IOException {
        DirectDelivery client = fixture.client();
        DurableDelivery queue = fixture.start(fixture.queue(client));

        client.close();

        assertThatThrownBy(() -> queue.submit(ENVELOPE, MessageSource.ofString(MESSAGE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("client of the queue on the spool " + fixture.spool + " is closed")
                .hasMessageContaining("Close the queue before its client");
        assertThat(fixture.files("messages")).isEmpty();
        assertThat(fixture.listener.events()).isEmpty();
    }

    @Test
    void queuedMessageIsParkedWhenClientIsClosed() throws IOException {
        ScriptedSmtpServer server = fixture.network.host("mx.example.org");
        DirectDelivery client = fixture.client();
        DurableDelivery queue = fixture.start(fixture.queue(client));
        queue.submit(ENVELOPE, MessageSource.ofString(MESSAGE));
        queue.submit(ENVELOPE, MessageSource.ofString(MESSAGE));

        client.close();
        fixture.scheduler.runDue();
        fixture.scheduler.advance(Duration.ofDays(1));

        assertThat(fixture.listener.count("parked")).isEqualTo(2L);
        assertThat(fixture.listener.events()).noneMatch(event -> event.startsWith("attempt"));
        assertThat(fixture.scheduler.nextDue()).isEmpty();
        assertThat(fixture.files("messages")).hasSize(2);
        assertThat(server.connections()).isEmpty();
    }

    @Test
    void closeSkipsTheRelayOfAClosedClient() throws IOException {
        fixture.network.host("mx.example.org");
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.builder().start()) {
            DirectDelivery client = fixture.client(TestClient.builder(fixture.network)
                    .fallbackRelay(new FallbackRelay("127.0.0.1", relay.port(), false, TlsPolicy.NONE, null)));
            DurableDelivery queue = fixture.start(fixture.queue(client).relayPendingOnClose(true));
            queue.submit(ENVELOPE, MessageSource.ofString(MESSAGE));

            client.close();
            queue.close();

            assertThat(fixture.listener.events()).noneMatch(event -> event.startsWith("attempt"));
            assertThat(relay.connections()).isEmpty();
            assertThat(fixture.files("messages")).hasSize(1);
        }
    }

    @Test
    void parkedMessagesAreDeliveredAtTheNextStart() throws IOException {
        ScriptedSmtpServer server = fixture.network.host("mx.example.org");
        DirectDelivery client = fixture.client();
        DurableDelivery first = fixture.start(fixture.queue(client));
        first.submit(ENVELOPE, MessageSource.ofString(MESSAGE));
        client.close();
        fixture.scheduler.runDue();
        first.close();

        DurableDelivery second = fixture.start(fixture.queue(fixture.client()));
        fixture.scheduler.runDue();

        assertThat(recipients(server)).containsExactly("bob@example.org");
        assertThat(second.stats().messages()).isZero();
        assertThat(fixture.files("messages")).isEmpty();
    }
}

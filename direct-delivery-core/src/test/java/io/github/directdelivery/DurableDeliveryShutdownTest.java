package io.github.directdelivery;

import static io.github.directdelivery.QueueFixture.MESSAGE;
import static io.github.directdelivery.QueueFixture.recipients;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a durable queue shuts down: waiting, parking, and handing pending mail to the relay. */
class DurableDeliveryShutdownTest {

    private QueueFixture fixture;
    private final ExecutorService workers = Executors.newFixedThreadPool(2);

    @BeforeEach
    void setUp(@TempDir Path spool) throws IOException {
        fixture = new QueueFixture(spool);
        fixture.network.dns().mx("example.org", 10, "mx.example.org");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
        workers.shutdownNow();
    }

    @Test
    void closeWaitsForARunningDelivery() throws Exception {
        ScriptedSmtpServer slow = fixture.network.host(
                "mx.example.org",
                b -> b.onEndOfData(ScriptedReply.of("250 2.0.0 ok").delayedBy(Duration.ofMillis(500))));
        StartedListener started = new StartedListener();
        DurableDelivery queue =
                fixture.start(fixture.queue(fixture.client()).executor(workers).listener(started));

        queue.submit(Envelope.of("sender@example.com", "bob@example.org"), MessageSource.ofString(MESSAGE));
        fixture.scheduler.runDue();
        assertThat(started.latch.await(10, TimeUnit.SECONDS)).isTrue();
        queue.close();

        assertThat(recipients(slow)).containsExactly("bob@example.org");
        assertThat(started.delegate.events()).contains("delivered bob@example.org", "completed");
        assertThat(fixture.files("messages")).isEmpty();
    }

    @Test
    void closeParksADeliveryThatOutlastsTheTimeout() throws Exception {
        ScriptedSmtpServer slow = fixture.network.host(
                "mx.example.org",
                b -> b.onEndOfData(ScriptedReply.of("250 2.0.0 ok").delayedBy(Duration.ofSeconds(2))));
        StartedListener started = new StartedListener();
        DurableDelivery first = fixture.start(fixture.queue(fixture.client())
                .executor(workers)
                .listener(started)
                .shutdownTimeout(Duration.ofMillis(100)));

        first.submit(Envelope.of("sender@example.com", "bob@example.org"), MessageSource.ofString(MESSAGE));
        fixture.scheduler.runDue();
        assertThat(started.latch.await(10, TimeUnit.SECONDS)).isTrue();
        long before = System.nanoTime();
        first.close();

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        assertThat(started.delegate.events()).contains("parked").doesNotContain("completed");
        List<String> parked = fixture.files("messages");
        assertThat(parked).hasSize(1);

        // The next run delivers the parked message again: its outcome was never recorded.
        RecordingQueueListener resumed = new RecordingQueueListener();
        DurableDelivery second = fixture.start(fixture.queue(fixture.client()).listener(resumed));
        assertThat(resumed.events()).containsExactly("resumed [bob@example.org]");
        fixture.scheduler.runDue();
        assertThat(resumed.events()).contains("delivered bob@example.org", "completed");
        assertThat(recipients(slow)).containsExactly("bob@example.org", "bob@example.org");
        assertThat(second.stats().messages()).isZero();
    }

    @Test
    void closeHandsPendingMailToTheFallbackRelay() throws Exception {
        fixture.network.host("mx.example.org", b -> b.on("RCPT", "451 4.7.1 greylisted"));
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.builder().start()) {
            DirectDelivery client = fixture.client(TestClient.builder(fixture.network)
                    .fallbackRelay(new FallbackRelay("127.0.0.1", relay.port(), false, TlsPolicy.NONE, null)));
            DurableDelivery queue = fixture.start(fixture.queue(client).relayPendingOnClose(true));

            queue.submit(Envelope.of("sender@example.com", "bob@example.org"), MessageSource.ofString(MESSAGE));
            fixture.scheduler.runDue();
            assertThat(relay.messages())
                    .as("a greylisting MX is reachable, so the relay is not used")
                    .isEmpty();
            queue.close();

            assertThat(recipients(relay)).containsExactly("bob@example.org");
            assertThat(fixture.listener.delivered()).singleElement().satisfies(result -> {
                assertThat(result.relayed()).isTrue();
                assertThat(result.attempts()).isEqualTo(2);
            });
            assertThat(fixture.listener.events())
                    .endsWith("attempt 2 [bob@example.org]", "delivered bob@example.org", "completed");
            assertThat(fixture.files("messages")).isEmpty();
        }
    }

    /** Counts down when the first attempt starts and records every event. */
    private static final class StartedListener implements QueueListener {
        final CountDownLatch latch = new CountDownLatch(1);
        final RecordingQueueListener delegate = new RecordingQueueListener();

        @Override
        public void attemptStarted(QueueId id, int attempt, List<String> recipients) {
            delegate.attemptStarted(id, attempt, recipients);
            latch.countDown();
        }

        @Override
        public void recipientDelivered(QueueId id, RecipientResult result) {
            delegate.recipientDelivered(id, result);
        }

        @Override
        public void completed(QueueId id) {
            delegate.completed(id);
        }

        @Override
        public void parked(QueueId id) {
            delegate.parked(id);
        }
    }
}

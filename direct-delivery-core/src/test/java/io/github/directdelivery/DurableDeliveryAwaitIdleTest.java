package io.github.directdelivery;

import static io.github.directdelivery.QueueFixture.MESSAGE;
import static io.github.directdelivery.QueueFixture.recipients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a batch job waits for the queue before it exits. */
class DurableDeliveryAwaitIdleTest {

    private static final Envelope ENVELOPE = Envelope.of("sender@example.com", "bob@example.org");

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
    void awaitIdleIsFalseWhileAMessageIsDue() throws Exception {
        ScriptedSmtpServer server = fixture.network.host("mx.example.org");
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()));

        queue.submit(ENVELOPE, MessageSource.ofString(MESSAGE));

        assertThat(queue.awaitIdle(Duration.ZERO)).isFalse();
        fixture.scheduler.runDue();
        assertThat(queue.awaitIdle(Duration.ZERO)).isTrue();
        assertThat(recipients(server)).containsExactly("bob@example.org");
    }

    @Test
    void awaitIdleWaitsForARunningDelivery() throws Exception {
        ScriptedSmtpServer slow = fixture.network.host(
                "mx.example.org",
                b -> b.onEndOfData(ScriptedReply.of("250 2.0.0 ok").delayedBy(Duration.ofMillis(300))));
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()).executor(workers));

        queue.submit(ENVELOPE, MessageSource.ofString(MESSAGE));
        fixture.scheduler.runDue();

        assertThat(queue.awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(recipients(slow)).containsExactly("bob@example.org");
        assertThat(fixture.listener.events()).contains("completed");
        assertThat(queue.stats().messages()).isZero();
    }

    @Test
    void awaitIdleTimesOutWhileADeliveryRuns() throws Exception {
        fixture.network.host(
                "mx.example.org",
                b -> b.onEndOfData(ScriptedReply.of("250 2.0.0 ok").delayedBy(Duration.ofSeconds(2))));
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()).executor(workers));

        queue.submit(ENVELOPE, MessageSource.ofString(MESSAGE));
        fixture.scheduler.runDue();

        assertThat(queue.awaitIdle(Duration.ofMillis(50))).isFalse();
        assertThat(queue.awaitIdle(Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void awaitIdleIgnoresMessagesWaitingForARetry() throws Exception {
        fixture.network.host("mx.example.org", b -> b.on("RCPT", "451 4.7.1 greylisted"));
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()));

        queue.submit(ENVELOPE, MessageSource.ofString(MESSAGE));
        fixture.scheduler.runDue();

        assertThat(queue.awaitIdle(Duration.ZERO)).isTrue();
        assertThat(queue.stats().messages()).isEqualTo(1);
        assertThat(queue.stats().pendingRecipients()).isEqualTo(1);
    }

    @Test
    void awaitIdleRejectsANegativeTimeout() throws IOException {
        fixture.network.host("mx.example.org");
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()));

        assertThatThrownBy(() -> queue.awaitIdle(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-1S");
    }
}

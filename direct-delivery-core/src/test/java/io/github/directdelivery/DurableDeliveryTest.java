package io.github.directdelivery;

import static io.github.directdelivery.QueueFixture.MESSAGE;
import static io.github.directdelivery.QueueFixture.START;
import static io.github.directdelivery.QueueFixture.count;
import static io.github.directdelivery.QueueFixture.recipients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableDeliveryTest {

    private Path spool;
    private QueueFixture fixture;

    @BeforeEach
    void setUp(@TempDir Path directory) throws IOException {
        spool = directory;
        fixture = new QueueFixture(spool);
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void submitStoresFirstAndDeliversWhenWorkersRun() throws IOException {
        fixture.network.dns().mx("example.org", 10, "mx.example.org");
        ScriptedSmtpServer server = fixture.network.host("mx.example.org");
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()));

        QueueId id =
                queue.submit(Envelope.of("sender@example.com", "bob@example.org"), MessageSource.ofString(MESSAGE));

        assertThat(fixture.files("messages")).containsExactly(id.value());
        assertThat(server.messages()).isEmpty();
        assertThat(queue.stats().messages()).isEqualTo(1);

        fixture.scheduler.runDue();

        assertThat(recipients(server)).containsExactly("bob@example.org");
        assertThat(server.messages().get(0).contentText()).isEqualTo(MESSAGE);
        assertThat(fixture.files("messages")).isEmpty();
        assertThat(fixture.listener.events())
                .containsExactly(
                        "submitted [bob@example.org]",
                        "attempt 1 [bob@example.org]",
                        "delivered bob@example.org",
                        "completed");
        assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, 0, Duration.ZERO, 0));
    }

    @Test
    void greylistedRecipientWaitsForItsScheduledAttempt() throws IOException {
        fixture.network.dns().mx("example.org", 10, "mx.example.org");
        ScriptedSmtpServer greylisting =
                fixture.network.host("mx.example.org", b -> b.on("RCPT", "451 4.7.1 greylisted, try again later"));
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()));

        queue.submit(Envelope.of("sender@example.com", "bob@example.org"), MessageSource.ofString(MESSAGE));
        fixture.scheduler.runDue();

        assertThat(count(greylisting, "RCPT")).isEqualTo(1);
        Instant next = fixture.listener.nextAttempts().get(0);
        // The default schedule: 5 minutes with 50 % jitter.
        assertThat(Duration.between(START, next)).isBetween(Duration.ofSeconds(150), Duration.ofSeconds(450));

        fixture.scheduler.advance(Duration.between(START, next).minusMillis(1));
        assertThat(count(greylisting, "RCPT"))
                .as("no retry before the scheduled time")
                .isEqualTo(1);

        ScriptedSmtpServer accepting = fixture.network.restart(greylisting, b -> b.hostName("mx.example.org"));
        fixture.scheduler.advance(Duration.ofMillis(1));

        assertThat(recipients(accepting)).containsExactly("bob@example.org");
        assertThat(fixture.listener.events())
                .containsExactly(
                        "submitted [bob@example.org]",
                        "attempt 1 [bob@example.org]",
                        "deferred bob@example.org",
                        "attempt 2 [bob@example.org]",
                        "delivered bob@example.org",
                        "completed");
        assertThat(fixture.listener.delivered().get(0).attempts()).isEqualTo(2);
    }

    @Test
    void lostReplyAfterTheDataIsSentAgain() throws IOException {
        fixture.network.dns().mx("example.org", 10, "mx.example.org");
        ScriptedSmtpServer dropping =
                fixture.network.host("mx.example.org", b -> b.onEndOfData(ScriptedReply.disconnect()));
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()));

        queue.submit(Envelope.of("sender@example.com", "bob@example.org"), MessageSource.ofString(MESSAGE));
        fixture.scheduler.runDue();

        assertThat(fixture.listener.events()).endsWith("deferred bob@example.org");
        ScriptedSmtpServer accepting = fixture.network.restart(dropping, b -> b.hostName("mx.example.org"));
        fixture.scheduler.advance(
                Duration.between(START, fixture.listener.nextAttempts().get(0)));

        assertThat(recipients(accepting)).containsExactly("bob@example.org");
        assertThat(fixture.listener.events()).endsWith("delivered bob@example.org", "completed");
    }

    @Test
    void restartResumesUnfinishedRecipients() throws Exception {
        fixture.network.dns().mx("example.org", 10, "mx.example.org");
        fixture.network.dns().mx("example.net", 10, "mx.example.net");
        ScriptedSmtpServer greylisting =
                fixture.network.host("mx.example.org", b -> b.on("RCPT", "451 4.7.1 greylisted"));
        ScriptedSmtpServer other = fixture.network.host("mx.example.net");
        DirectDelivery client = fixture.client();
        DurableDelivery first = fixture.start(fixture.queue(client));
        first.submit(
                Envelope.of("sender@example.com", "bob@example.org", "carol@example.net"),
                MessageSource.ofString(MESSAGE));
        fixture.scheduler.runDue();
        Instant next = fixture.listener.nextAttempts().get(0);
        first.submit(Envelope.of("sender@example.com", "dave@example.net"), MessageSource.ofString(MESSAGE));
        first.close();

        assertThat(recipients(other)).containsExactly("carol@example.net");
        assertThat(fixture.files("messages")).hasSize(2);

        ScriptedSmtpServer accepting = fixture.network.restart(greylisting, b -> b.hostName("mx.example.org"));
        RecordingQueueListener resumed = new RecordingQueueListener();
        DurableDelivery second = fixture.start(fixture.queue(client).listener(resumed));
        assertThat(resumed.events())
                .containsExactlyInAnyOrder("resumed [bob@example.org]", "resumed [dave@example.net]");

        fixture.scheduler.runDue();
        assertThat(recipients(other)).containsExactly("carol@example.net", "dave@example.net");
        assertThat(recipients(accepting))
                .as("bob waits for his recorded retry time")
                .isEmpty();

        fixture.scheduler.advance(Duration.between(fixture.scheduler.now(), next));
        assertThat(recipients(accepting)).containsExactly("bob@example.org");
        assertThat(recipients(other)).as("carol is not sent the message again").hasSize(2);
        assertThat(fixture.files("messages")).isEmpty();
        assertThat(second.stats().messages()).isZero();
    }

    @Test
    void secondQueueOnTheSameDirectoryIsRejected() {
        DirectDelivery client = fixture.idleClient();
        fixture.start(fixture.queue(client));

        assertThatThrownBy(() -> fixture.queue(client).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The spool directory " + spool + " is in use by pid "
                        + ProcessHandle.current().pid())
                .hasMessageContaining(spool.resolve("lock").toString());
    }

    @Test
    void invalidSubmissionsAreRejectedAndStoreNothing() throws IOException {
        DirectDelivery client = fixture.idleClient();
        DurableDelivery queue = fixture.start(fixture.queue(client));

        assertThatThrownBy(() ->
                        queue.submit(Envelope.of("sender@example.com", "bob@example.org"), MessageSource.ofString("")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("The message is empty");
        assertThatThrownBy(
                        () -> queue.submit(Envelope.of("sender@example.com", "bob@"), MessageSource.ofString(MESSAGE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bob@");
        assertThatThrownBy(() -> queue.submit(
                        Envelope.of("sender@example.com", "bob@example.org"),
                        MessageSource.ofString("Subject: long\r\n\r\n" + "x".repeat(999) + "\r\n")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("999 octets");

        assertThat(fixture.files("messages")).isEmpty();
        assertThat(fixture.files("tmp")).isEmpty();
        assertThat(fixture.listener.events()).isEmpty();
    }

    @Test
    void closedQueueRejectsSubmit() {
        DirectDelivery client = fixture.idleClient();
        DurableDelivery queue = fixture.start(fixture.queue(client));
        assertThat(queue.isClosed()).isFalse();
        queue.close();

        assertThat(queue.isClosed()).isTrue();
        assertThatThrownBy(() -> queue.submit(
                        Envelope.of("sender@example.com", "bob@example.org"), MessageSource.ofString(MESSAGE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The queue is closed; it accepts no more messages");
    }

    @Test
    void statsCountPendingRecipientsAndTheOldestAge() throws IOException {
        fixture.network.dns().mx("example.org", 10, "mx.example.org");
        fixture.network.host("mx.example.org", b -> b.on("RCPT", "451 4.7.1 greylisted"));
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()));

        queue.submit(
                Envelope.of("sender@example.com", "a@example.org", "b@example.org"), MessageSource.ofString(MESSAGE));
        assertThat(queue.stats()).isEqualTo(new QueueStats(1, 2, 0, Duration.ZERO, 0));

        fixture.scheduler.runDue();
        fixture.scheduler.advance(Duration.ofMinutes(2));
        queue.submit(Envelope.of("sender@example.com", "c@example.org"), MessageSource.ofString(MESSAGE));

        assertThat(fixture.listener.count("deferred")).isEqualTo(2);
        assertThat(queue.stats()).isEqualTo(new QueueStats(2, 3, 0, Duration.ofMinutes(2), 0));
    }

    @Test
    void builderRejectsBadValues() {
        DirectDelivery client = fixture.idleClient();
        DurableDelivery.Builder builder = DurableDelivery.builder(client, spool);

        assertThatThrownBy(() -> builder.concurrency(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concurrency must be at least 1, not 0");
        assertThatThrownBy(() -> builder.delayNoticeAfter(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delayNoticeAfter must be positive, not PT0S");
        assertThatThrownBy(() -> builder.shutdownTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shutdownTimeout must not be negative, not PT-1S");
        assertThatThrownBy(() -> builder.relayPendingOnClose(true).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("relayPendingOnClose needs a client built with a fallbackRelay, and this one has none");
    }
}

package io.github.directdelivery;

import static io.github.directdelivery.QueueFixture.MESSAGE;
import static io.github.directdelivery.QueueFixture.START;
import static io.github.directdelivery.QueueFixture.commands;
import static io.github.directdelivery.QueueFixture.count;
import static io.github.directdelivery.QueueFixture.only;
import static io.github.directdelivery.QueueFixture.recipients;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.testkit.ReceivedMessage;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery status notifications of the durable queue: failures, expiry and delay notices. */
class DurableDeliveryNotificationTest {

    private QueueFixture fixture;

    @BeforeEach
    void setUp(@TempDir Path spool) throws IOException {
        fixture = new QueueFixture(spool);
        fixture.network.dns().mx("example.org", 10, "mx.example.org");
        fixture.network.dns().mx("example.com", 10, "mx.example.com");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void expiredRecipientGetsFailureNoticeFromNullSender() throws IOException {
        ScriptedSmtpServer greylisting =
                fixture.network.host("mx.example.org", b -> b.on("RCPT", "451 4.7.1 greylisted, try again later"));
        ScriptedSmtpServer senderMx = fixture.network.host("mx.example.com");
        // A day instead of the default five keeps the test short; the schedule is the same.
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client())
                .retrySchedule(RetrySchedule.defaults().withMaxLifetime(Duration.ofDays(1))));

        queue.submit(Envelope.of("sender@example.com", "bob@example.org"), MessageSource.ofString(MESSAGE));
        runUntil(() -> !senderMx.messages().isEmpty());

        Instant expiry = START.plus(Duration.ofDays(1));
        assertThat(fixture.scheduler.now()).isEqualTo(expiry);
        List<Instant> attempts = fixture.listener.nextAttempts();
        assertThat(Duration.between(START, attempts.get(0))).isLessThanOrEqualTo(Duration.ofSeconds(450));
        assertThat(attempts).last().isEqualTo(expiry);
        for (int i = 1; i < attempts.size(); i++) {
            assertThat(Duration.between(attempts.get(i - 1), attempts.get(i))).isLessThanOrEqualTo(Duration.ofHours(1));
        }
        assertThat(count(greylisting, "RCPT")).isEqualTo(attempts.size() + 1);

        ReceivedMessage notice = only(senderMx);
        assertThat(notice.sender()).isEmpty();
        assertThat(notice.recipients()).containsExactly("sender@example.com");
        assertThat(commands(senderMx)).anyMatch(command -> command.startsWith("MAIL FROM:<>"));
        assertThat(notice.contentText())
                .contains(
                        "From: Mail Delivery System <MAILER-DAEMON@client.example.test>\r\n",
                        "To: <sender@example.com>\r\n",
                        "Auto-Submitted: auto-replied\r\n",
                        "Content-Type: multipart/report; report-type=delivery-status;\r\n",
                        "Content-Type: message/delivery-status\r\n\r\n"
                                + "Reporting-MTA: dns; client.example.test\r\n"
                                + "Arrival-Date: Sun, 1 Mar 2026 10:00:00 +0000\r\n"
                                + "\r\n"
                                + "Final-Recipient: rfc822; bob@example.org\r\n"
                                + "Action: failed\r\n"
                                + "Status: 4.4.7\r\n"
                                + "Remote-MTA: dns; mx.example.org\r\n"
                                + "Diagnostic-Code: smtp; 451 4.7.1 greylisted, try again later\r\n"
                                + "Last-Attempt-Date: Mon, 2 Mar 2026 10:00:00 +0000\r\n",
                        "Content-Type: text/rfc822-headers\r\n\r\nFrom: sender@example.com\r\n",
                        "Subject: queued test\r\n");
        assertThat(notice.contentText()).contains("Gave up after 1 day in the queue");
        assertThat(fixture.listener.events())
                .contains("expired bob@example.org 4.4.7", "notified FAILURE [bob@example.org]")
                .doesNotContain("failed bob@example.org 4.4.7");
        assertThat(fixture.listener.count("completed")).isEqualTo(2);
        assertThat(fixture.files("messages")).isEmpty();
    }

    @Test
    void permanentFailureIsReportedOnceWithItsStatus() throws IOException {
        ScriptedSmtpServer recipientMx =
                fixture.network.host("mx.example.org", b -> b.onRecipient("bob@example.org", "550 5.1.1 no such user"));
        ScriptedSmtpServer senderMx = fixture.network.host("mx.example.com");
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()));

        queue.submit(
                Envelope.of("sender@example.com", "alice@example.org", "bob@example.org"),
                MessageSource.ofString(MESSAGE));
        fixture.scheduler.runDue();
        fixture.scheduler.advance(Duration.ofDays(6));

        assertThat(recipients(recipientMx)).containsExactly("alice@example.org");
        String notice = only(senderMx).contentText();
        assertThat(notice)
                .contains(
                        "Final-Recipient: rfc822; bob@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n",
                        "Diagnostic-Code: smtp; 550 5.1.1 no such user\r\n",
                        "<bob@example.org>: ")
                .doesNotContain("alice@example.org>");
        assertThat(fixture.listener.events())
                .containsSubsequence(
                        "delivered alice@example.org",
                        "failed bob@example.org 5.1.1",
                        "notified FAILURE [bob@example.org]",
                        "completed");
        assertThat(fixture.files("messages")).isEmpty();
    }

    @Test
    void nullReversePathGetsNoNotice() throws IOException {
        fixture.network.host("mx.example.org", b -> b.on("RCPT", "550 5.1.1 no such user"));
        ScriptedSmtpServer senderMx = fixture.network.host("mx.example.com");
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()));

        queue.submit(Envelope.of("", "bob@example.org"), MessageSource.ofString(MESSAGE));
        fixture.scheduler.runDue();

        assertThat(fixture.listener.events())
                .containsExactly(
                        "submitted [bob@example.org]",
                        "attempt 1 [bob@example.org]",
                        "failed bob@example.org 5.1.1",
                        "completed");
        assertThat(senderMx.connections()).isEmpty();
    }

    @Test
    void notifyNeverSuppressesTheNotice() throws IOException {
        fixture.network.host("mx.example.org", b -> b.on("RCPT", "550 5.1.1 no such user"));
        ScriptedSmtpServer senderMx = fixture.network.host("mx.example.com");
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()));

        Envelope envelope = Envelope.of("sender@example.com", "bob@example.org")
                .withDsn(new DsnOptions(Set.of(DsnOptions.Notify.NEVER), null, null));
        queue.submit(envelope, MessageSource.ofString(MESSAGE));
        fixture.scheduler.runDue();

        assertThat(fixture.listener.count("notified")).isZero();
        assertThat(fixture.listener.count("completed")).isEqualTo(1);
        assertThat(senderMx.connections()).isEmpty();
    }

    @Test
    void undeliverableNoticeIsNotReportedOnAgain() throws IOException {
        fixture.network.host("mx.example.org", b -> b.on("RCPT", "550 5.1.1 no such user"));
        ScriptedSmtpServer senderMx =
                fixture.network.host("mx.example.com", b -> b.on("RCPT", "550 5.1.1 no such sender"));
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()));

        queue.submit(Envelope.of("sender@example.com", "bob@example.org"), MessageSource.ofString(MESSAGE));
        fixture.scheduler.runDue();
        fixture.scheduler.advance(Duration.ofDays(1));

        assertThat(fixture.listener.events())
                .containsExactly(
                        "submitted [bob@example.org]",
                        "attempt 1 [bob@example.org]",
                        "failed bob@example.org 5.1.1",
                        "submitted [sender@example.com]",
                        "notified FAILURE [bob@example.org]",
                        "completed",
                        "attempt 1 [sender@example.com]",
                        "failed sender@example.com 5.1.1",
                        "completed");
        assertThat(count(senderMx, "RCPT")).isEqualTo(1);
        assertThat(fixture.files("messages")).isEmpty();
    }

    @Test
    void delayNoticeSentOnceAfterDelay() throws IOException {
        fixture.network.host("mx.example.org", b -> b.on("RCPT", "451 4.7.1 greylisted"));
        ScriptedSmtpServer senderMx = fixture.network.host("mx.example.com");
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client())
                .retrySchedule(RetrySchedule.defaults().withMaxLifetime(Duration.ofDays(1)))
                .delayNoticeAfter(Duration.ofHours(4)));

        queue.submit(Envelope.of("sender@example.com", "bob@example.org"), MessageSource.ofString(MESSAGE));
        runUntil(() -> !senderMx.messages().isEmpty());

        assertThat(fixture.scheduler.now()).isBetween(START.plus(Duration.ofHours(4)), START.plus(Duration.ofHours(5)));
        assertThat(only(senderMx).contentText())
                .contains(
                        "Subject: Your message is delayed\r\n",
                        "Final-Recipient: rfc822; bob@example.org\r\n" + "Action: delayed\r\n" + "Status: 4.7.1\r\n",
                        "Will-Retry-Until: Mon, 2 Mar 2026 10:00:00 +0000\r\n",
                        "keeps trying until Mon, 2 Mar 2026 10:00:00 +0000");

        runUntil(() -> senderMx.messages().size() == 2);
        assertThat(senderMx.messages().get(1).contentText()).contains("Action: failed\r\nStatus: 4.4.7\r\n");
        assertThat(fixture.listener.count("notified DELAY")).isEqualTo(1);
        assertThat(fixture.listener.count("notified FAILURE")).isEqualTo(1);
    }

    /** Moves time from one scheduled task to the next until the condition holds. */
    private void runUntil(java.util.function.BooleanSupplier condition) {
        for (int step = 0; step < 10_000 && !condition.getAsBoolean(); step++) {
            if (!fixture.scheduler.runNext()) {
                break;
            }
        }
        assertThat(condition.getAsBoolean())
                .as("condition reached while running the queue")
                .isTrue();
    }
}

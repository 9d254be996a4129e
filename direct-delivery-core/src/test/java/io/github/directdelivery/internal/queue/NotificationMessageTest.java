package io.github.directdelivery.internal.queue;

import static io.github.directdelivery.internal.queue.SpoolSamples.SUBMITTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.SmtpReply;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class NotificationMessageTest {

    private static final byte[] HEADER =
            "From: sender@example.com\r\nSubject: hello\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void failureReportHasTheThreeParts() {
        Envelope envelope = Envelope.of("sender@example.com", "bob@example.org")
                .withDsn(new DsnOptions(Set.of(), null, "envelope-7"));
        RecipientResult failed =
                result("bob@example.org", DeliveryStatus.FAILED, SmtpReply.of(550, null, "no such user"), null);

        String report = write(envelope, DsnOptions.Notify.FAILURE, List.of(failed));

        String boundary = "=_report_0123abcd";
        assertThat(report)
                .isEqualTo("From: Mail Delivery System <MAILER-DAEMON@mail.example.com>\r\n"
                        + "To: <sender@example.com>\r\n"
                        + "Subject: Your message could not be delivered\r\n"
                        + "Date: Sun, 1 Mar 2026 12:00:00 +0000\r\n"
                        + "Message-ID: <0123abcd@mail.example.com>\r\n"
                        + "Auto-Submitted: auto-replied\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/report; report-type=delivery-status;\r\n"
                        + "\tboundary=\"" + boundary + "\"\r\n"
                        + "\r\n"
                        + "This is a delivery status notification in MIME format.\r\n"
                        + "\r\n"
                        + "--" + boundary + "\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Transfer-Encoding: 7bit\r\n"
                        + "\r\n"
                        + "This is the mail system at mail.example.com.\r\n"
                        + "\r\n"
                        + "Your message could not be delivered to the recipients below,\r\n"
                        + "and the mail system has stopped trying.\r\n"
                        + "\r\n"
                        + "<bob@example.org>: no such user (mx.example.org replied: 550 no such user)\r\n"
                        + "\r\n"
                        + "--" + boundary + "\r\n"
                        + "Content-Type: message/delivery-status\r\n"
                        + "\r\n"
                        + "Reporting-MTA: dns; mail.example.com\r\n"
                        + "Original-Envelope-Id: envelope-7\r\n"
                        + "Arrival-Date: Sun, 1 Mar 2026 10:00:00 +0000\r\n"
                        + "\r\n"
                        + "Final-Recipient: rfc822; bob@example.org\r\n"
                        + "Action: failed\r\n"
                        + "Status: 5.0.0\r\n"
                        + "Remote-MTA: dns; mx.example.org\r\n"
                        + "Diagnostic-Code: smtp; 550 no such user\r\n"
                        + "Last-Attempt-Date: Sun, 1 Mar 2026 11:00:00 +0000\r\n"
                        + "\r\n"
                        + "--" + boundary + "\r\n"
                        + "Content-Type: text/rfc822-headers\r\n"
                        + "\r\n"
                        + "From: sender@example.com\r\n"
                        + "Subject: hello\r\n"
                        + "--" + boundary + "--\r\n");
    }

    @Test
    void statusPrefersResultThenReplyCode() {
        SmtpReply plain = SmtpReply.of(451, null, "busy");

        assertThat(status(
                        DeliveryStatus.FAILED, SmtpReply.of(550, null, "x"), EnhancedStatusCode.parse("5.1.1"), false))
                .isEqualTo("5.1.1");
        assertThat(status(
                        DeliveryStatus.FAILED, SmtpReply.of(554, EnhancedStatusCode.parse("5.7.1"), "x"), null, false))
                .isEqualTo("5.7.1");
        assertThat(status(DeliveryStatus.FAILED, plain, EnhancedStatusCode.parse("4.4.7"), false))
                .as("an expired recipient keeps its transient code")
                .isEqualTo("4.4.7");
        assertThat(status(DeliveryStatus.FAILED, null, null, false)).isEqualTo("5.0.0");
        assertThat(status(DeliveryStatus.DEFERRED, plain, null, true)).isEqualTo("4.0.0");
        assertThat(status(DeliveryStatus.DEFERRED, plain, EnhancedStatusCode.parse("4.4.1"), true))
                .isEqualTo("4.4.1");
    }

    @Test
    void delayNoticeSaysUntilWhenItRetries() {
        RecipientResult deferred = result(
                "bob@example.org",
                DeliveryStatus.DEFERRED,
                SmtpReply.of(451, EnhancedStatusCode.parse("4.7.1"), "greylisted"),
                EnhancedStatusCode.parse("4.7.1"));

        String report =
                write(Envelope.of("sender@example.com", "bob@example.org"), DsnOptions.Notify.DELAY, List.of(deferred));

        assertThat(report)
                .contains(
                        "Subject: Your message is delayed\r\n",
                        "The mail system keeps trying until Fri, 6 Mar 2026 10:00:00 +0000; you need not send it again.\r\n",
                        "Action: delayed\r\nStatus: 4.7.1\r\n",
                        "Will-Retry-Until: Fri, 6 Mar 2026 10:00:00 +0000\r\n");
    }

    @Test
    void diagnosticTextStaysOnOneLine() {
        RecipientResult failed =
                result("bob@example.org", DeliveryStatus.FAILED, null, EnhancedStatusCode.parse("5.4.4"));
        RecipientResult noisy = new RecipientResult(
                failed.recipient(),
                failed.status(),
                null,
                failed.enhancedCode(),
                "first\r\nInjected: header\t" + "x".repeat(2000),
                null,
                null,
                null,
                false,
                false,
                1,
                failed.completed());

        String report =
                write(Envelope.of("sender@example.com", "bob@example.org"), DsnOptions.Notify.FAILURE, List.of(noisy));

        assertThat(report).doesNotContain("\r\nInjected: header");
        assertThat(report.lines()).allMatch(line -> line.length() <= 998);
        assertThat(report).contains("<bob@example.org>: first  Injected: header ");
    }

    @Test
    void utf8TextIsDeclaredEightBit() {
        RecipientResult failed =
                result("jörg@example.org", DeliveryStatus.FAILED, SmtpReply.of(550, null, "unbekannt"), null);

        String report = write(
                Envelope.of("sender@example.com", "jörg@example.org"), DsnOptions.Notify.FAILURE, List.of(failed));

        assertThat(report)
                .contains(
                        "Content-Transfer-Encoding: 8bit\r\n\r\nThis is the mail system",
                        "Final-Recipient: rfc822; jörg@example.org\r\n");
    }

    @Test
    void nullReversePathIsNeverReportedOn() {
        RecipientResult failed = result("bob@example.org", DeliveryStatus.FAILED, null, null);

        assertThatThrownBy(() -> write(Envelope.of("", "bob@example.org"), DsnOptions.Notify.FAILURE, List.of(failed)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A message with the null reverse-path is never reported on");
    }

    private static String status(
            DeliveryStatus status, @Nullable SmtpReply reply, @Nullable EnhancedStatusCode code, boolean delay) {
        return NotificationMessage.statusCode(result("bob@example.org", status, reply, code), delay);
    }

    private static RecipientResult result(
            String recipient, DeliveryStatus status, @Nullable SmtpReply reply, @Nullable EnhancedStatusCode code) {
        return new RecipientResult(
                recipient,
                status,
                reply,
                code,
                reply == null ? "no route" : reply.text(),
                reply == null ? null : "mx.example.org",
                null,
                null,
                false,
                false,
                2,
                SUBMITTED.plusSeconds(3600));
    }

    private static String write(Envelope envelope, DsnOptions.Notify kind, List<RecipientResult> results) {
        NotificationMessage.Report report = new NotificationMessage.Report(
                "mail.example.com",
                kind,
                envelope,
                SUBMITTED,
                results,
                kind == DsnOptions.Notify.DELAY ? SUBMITTED.plus(java.time.Duration.ofDays(5)) : null,
                SUBMITTED.plusSeconds(7200),
                ZoneOffset.UTC,
                "0123abcd");
        return new String(NotificationMessage.write(report, HEADER), StandardCharsets.UTF_8);
    }
}

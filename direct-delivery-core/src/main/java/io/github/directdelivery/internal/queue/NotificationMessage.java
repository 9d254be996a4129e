package io.github.directdelivery.internal.queue;

import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.SmtpReply;
import io.github.directdelivery.internal.address.Mailbox;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes a delivery status notification (RFC 3464) as RFC 5322 bytes: a {@code multipart/report}
 * (RFC 6522) with a human-readable part, a {@code message/delivery-status} part with one group of
 * fields per recipient, and the original message's header as {@code text/rfc822-headers}.
 *
 * <p>NOTE: addresses and reply texts with UTF-8 are written as they are, while RFC 6533 would have
 * them in a {@code message/global-delivery-status} part; receivers that follow RFC 3464 strictly
 * may not parse such a report.
 */
final class NotificationMessage {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final String CRLF = "\r\n";

    /** Diagnostic texts are cut to this many characters, so every line stays far below 998 octets. */
    private static final int MAX_TEXT = 800;

    /**
     * The content of one notification.
     *
     * @param reportingMta the name of this host, as sent in EHLO
     * @param kind FAILURE for failed and expired recipients, DELAY for a delay notice
     * @param envelope the original message's envelope; the report goes to its reverse-path
     * @param arrival when the original message was submitted
     * @param results the latest result of each recipient reported on
     * @param retryUntil for a delay notice, when the queue gives up
     * @param unique letters and digits that make the Message-ID and the MIME boundary unique
     */
    record Report(
            String reportingMta,
            DsnOptions.Notify kind,
            Envelope envelope,
            Instant arrival,
            List<RecipientResult> results,
            @Nullable Instant retryUntil,
            Instant now,
            ZoneId zone,
            String unique) {

        Report {
            Objects.requireNonNull(reportingMta, "reportingMta");
            if (envelope.hasNullReversePath()) {
                throw new IllegalArgumentException("A message with the null reverse-path is never reported on");
            }
            results = List.copyOf(results);
            if (results.isEmpty()) {
                throw new IllegalArgumentException("A report needs at least one recipient");
            }
        }
    }

    private NotificationMessage() {}

    /**
     * Returns the notification's bytes, ready to be submitted with the null reverse-path.
     *
     * @param originalHeader the original message's header section with CRLF line endings
     */
    static byte[] write(Report report, byte[] originalHeader) {
        boolean delay = report.kind() == DsnOptions.Notify.DELAY;
        String boundary = "=_report_" + report.unique();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        text(out, "From: Mail Delivery System <MAILER-DAEMON@" + report.reportingMta() + ">");
        text(out, "To: <" + clean(Mailbox.parse(report.envelope().reversePath()).toString()) + ">");
        text(out, "Subject: " + (delay ? "Your message is delayed" : "Your message could not be delivered"));
        text(out, "Date: " + date(report.now(), report.zone()));
        text(out, "Message-ID: <" + report.unique() + "@" + report.reportingMta() + ">");
        // RFC 3834 §5: marks the report as automatic, so auto-responders do not reply to it.
        text(out, "Auto-Submitted: auto-replied");
        text(out, "MIME-Version: 1.0");
        text(out, "Content-Type: multipart/report; report-type=delivery-status;");
        text(out, "\tboundary=\"" + boundary + "\"");
        text(out, "");
        text(out, "This is a delivery status notification in MIME format.");
        text(out, "");

        text(out, "--" + boundary);
        byte[] explanation = explanation(report, delay).getBytes(StandardCharsets.UTF_8);
        text(out, "Content-Type: text/plain; charset=utf-8");
        text(out, "Content-Transfer-Encoding: " + (isAscii(explanation) ? "7bit" : "8bit"));
        text(out, "");
        out.writeBytes(explanation);

        text(out, "--" + boundary);
        text(out, "Content-Type: message/delivery-status");
        text(out, "");
        out.writeBytes(status(report, delay).getBytes(StandardCharsets.UTF_8));

        text(out, "--" + boundary);
        text(out, "Content-Type: text/rfc822-headers");
        text(out, "");
        out.writeBytes(originalHeader);
        text(out, "--" + boundary + "--");
        return out.toByteArray();
    }

    private static String explanation(Report report, boolean delay) {
        StringBuilder text = new StringBuilder();
        line(text, "This is the mail system at " + report.reportingMta() + ".");
        line(text, "");
        if (delay) {
            line(text, "Your message has not been delivered to the recipients below yet.");
            line(
                    text,
                    "The mail system keeps trying until "
                            + date(Objects.requireNonNull(report.retryUntil()), report.zone())
                            + "; you need not send it again.");
        } else {
            line(text, "Your message could not be delivered to the recipients below,");
            line(text, "and the mail system has stopped trying.");
        }
        line(text, "");
        for (RecipientResult result : report.results()) {
            line(text, "<" + clean(result.recipient()) + ">: " + reason(result));
        }
        line(text, "");
        return text.toString();
    }

    private static String reason(RecipientResult result) {
        SmtpReply reply = result.reply();
        if (reply != null && result.host() != null && !result.text().contains(reply.toString())) {
            return clean(result.text() + " (" + result.host() + " replied: " + reply + ")");
        }
        return clean(result.text());
    }

    // RFC 3464 §2.2 and §2.3: the per-message fields, then one group of fields per recipient.
    private static String status(Report report, boolean delay) {
        StringBuilder fields = new StringBuilder();
        line(fields, "Reporting-MTA: dns; " + report.reportingMta());
        DsnOptions dsn = report.envelope().dsn();
        if (dsn != null && dsn.envelopeId() != null) {
            line(fields, "Original-Envelope-Id: " + clean(dsn.envelopeId()));
        }
        line(fields, "Arrival-Date: " + date(report.arrival(), report.zone()));
        for (RecipientResult result : report.results()) {
            line(fields, "");
            line(fields, "Final-Recipient: rfc822; " + clean(result.recipient()));
            line(fields, "Action: " + (delay ? "delayed" : "failed"));
            line(fields, "Status: " + statusCode(result, delay));
            if (result.host() != null) {
                line(fields, "Remote-MTA: dns; " + clean(result.host()));
            }
            SmtpReply reply = result.reply();
            if (reply != null) {
                line(fields, "Diagnostic-Code: smtp; " + clean(reply.toString()));
            }
            line(fields, "Last-Attempt-Date: " + date(result.completed(), report.zone()));
            if (delay) {
                line(fields, "Will-Retry-Until: " + date(Objects.requireNonNull(report.retryUntil()), report.zone()));
            }
        }
        line(fields, "");
        return fields.toString();
    }

    /**
     * Returns the RFC 3463 code for the Status field: the result's own, else the reply's class with
     * no detail (X.0.0). A delay notice always carries a transient (4.X.X) code.
     */
    static String statusCode(RecipientResult result, boolean delay) {
        EnhancedStatusCode code = result.enhancedCode();
        SmtpReply reply = result.reply();
        if (code == null && reply != null) {
            code = reply.enhancedCode();
        }
        int statusClass = delay ? 4 : 5;
        if (code != null) {
            // A failure may carry 4.X.X: an expired recipient's last status was transient.
            boolean fits = delay ? code.statusClass() == 4 : code.statusClass() != 2;
            return fits ? code.toString() : statusClass + "." + code.subject() + "." + code.detail();
        }
        return statusClass + ".0.0";
    }

    private static String date(Instant instant, ZoneId zone) {
        return DATE.format(instant.atZone(zone));
    }

    // Keeps a value on one line of bounded length: control characters become spaces.
    private static String clean(String value) {
        StringBuilder cleaned = new StringBuilder(Math.min(value.length(), MAX_TEXT));
        for (int i = 0; i < value.length() && cleaned.length() < MAX_TEXT; i++) {
            char c = value.charAt(i);
            cleaned.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return cleaned.toString();
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static void line(StringBuilder text, String line) {
        text.append(line).append(CRLF);
    }

    private static void text(ByteArrayOutputStream out, String line) {
        out.writeBytes((line + CRLF).getBytes(StandardCharsets.UTF_8));
    }
}

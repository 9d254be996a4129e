package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.SmtpReply;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One MAIL transaction: the replies that framed it and the recipients it decided.
 *
 * @param mailCommand the MAIL command line as sent, with its parameters
 * @param mailReply the reply to MAIL, or null if the session ended first
 * @param recipients the outcomes decided in this transaction, in envelope order
 * @param postponed recipients refused with 452 (too many recipients, RFC 5321 §4.5.3.1.10) that go
 *     into the next transaction
 * @param finalReply the reply after the data, or null when no data was sent or none arrived
 * @param dataSent whether the message content was sent
 */
public record TransactionOutcome(
        String mailCommand,
        @Nullable SmtpReply mailReply,
        List<RecipientOutcome> recipients,
        List<String> postponed,
        @Nullable SmtpReply finalReply,
        boolean dataSent) {

    public TransactionOutcome {
        recipients = List.copyOf(recipients);
        postponed = List.copyOf(postponed);
    }
}

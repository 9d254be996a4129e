package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.DsnOptions;
import java.util.List;
import java.util.Objects;

/**
 * The envelope of one delivery to one host: the reverse-path and the recipients of that host's
 * domain. Addresses are already validated and in their final form (domains as A-labels); here they
 * are only checked for characters that would break the command line.
 *
 * @param sender the reverse-path without angle brackets; empty for the null reverse-path of
 *     bounces
 * @param recipients the forward-paths without angle brackets, at least one
 * @param dsn the delivery status notifications requested
 */
public record SmtpEnvelope(String sender, List<String> recipients, DsnOptions dsn) {

    /**
     * Creates the envelope.
     *
     * @throws IllegalArgumentException if there are no recipients, or an address is empty (except
     *     the sender) or contains CR, LF or NUL
     */
    public SmtpEnvelope {
        Objects.requireNonNull(dsn, "dsn");
        Commands.checkArgument(sender, "sender address");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        for (String recipient : recipients) {
            Commands.checkArgument(recipient, "recipient address");
            if (recipient.isEmpty()) {
                throw new IllegalArgumentException("a recipient address must not be empty");
            }
        }
    }

    /** Creates an envelope without DSN options. */
    public static SmtpEnvelope of(String sender, String... recipients) {
        return new SmtpEnvelope(sender, List.of(recipients), DsnOptions.none());
    }
}

package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.SmtpReply;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of one host for one recipient.
 *
 * <ul>
 *   <li>DELIVERED: a 2xx reply after the data, the proof of hand-over.
 *   <li>FAILED: a 5xx reply to RCPT, to MAIL or after the data.
 *   <li>DEFERRED: a 4xx reply, or the session ended first ({@link #failure()} gives the reason).
 * </ul>
 *
 * @param recipient the address as given in the envelope
 * @param status the classification
 * @param reply the reply that decided it (RCPT, MAIL, DATA or the final one), or null when the
 *     session failed without one
 * @param failure the session failure that cut the recipient off, or null
 * @param dataSent whether the message content was sent for this recipient
 * @param outcomeUnknown whether the content was sent completely but no final reply arrived (the
 *     connection broke or the final reply timed out): the server may have accepted the message
 */
public record RecipientOutcome(
        String recipient,
        DeliveryStatus status,
        @Nullable SmtpReply reply,
        @Nullable SessionFailure failure,
        boolean dataSent,
        boolean outcomeUnknown) {

    /**
     * Creates the record.
     *
     * @throws IllegalArgumentException if neither a reply nor a failure explains the status, or an
     *     unknown outcome is claimed for a recipient whose data was not sent
     */
    public RecipientOutcome {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(status, "status");
        if (reply == null && failure == null) {
            throw new IllegalArgumentException("an outcome needs a reply or a session failure: " + recipient);
        }
        if (outcomeUnknown && !dataSent) {
            throw new IllegalArgumentException("an outcome can only be unknown after the data was sent");
        }
    }

    /** Classifies a reply code: 2xx DELIVERED, 4xx DEFERRED, 5xx FAILED. */
    static DeliveryStatus classify(SmtpReply reply) {
        if (reply.isPositive()) {
            return DeliveryStatus.DELIVERED;
        }
        return reply.isPermanentFailure() ? DeliveryStatus.FAILED : DeliveryStatus.DEFERRED;
    }
}

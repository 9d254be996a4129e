package io.github.directdelivery.internal.delivery;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.SmtpReply;
import io.github.directdelivery.internal.smtp.DeliveryOutcome;
import io.github.directdelivery.internal.smtp.RecipientOutcome;
import io.github.directdelivery.internal.smtp.SessionFailure;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Builds the public per-recipient results from session outcomes and local decisions. */
final class Outcomes {

    private Outcomes() {}

    /** A result decided without any server reply: a DNS failure, a null MX, a refused connection. */
    static RecipientResult local(
            String recipient,
            DeliveryStatus status,
            @Nullable EnhancedStatusCode code,
            String text,
            @Nullable String host,
            @Nullable InetSocketAddress address,
            int attempts,
            Instant now) {
        return new RecipientResult(
                recipient,
                status,
                null,
                code,
                text,
                host,
                address == null ? null : address.getAddress(),
                null,
                false,
                false,
                attempts,
                now);
    }

    /** A result from a session failure that cut the recipient off before a reply. */
    static RecipientResult failure(
            String recipient,
            SessionFailure failure,
            String host,
            InetSocketAddress address,
            int attempts,
            Instant now) {
        SmtpReply reply = failure.reply();
        return new RecipientResult(
                recipient,
                DeliveryStatus.DEFERRED,
                reply,
                failure.statusCode(),
                failure.message(),
                host,
                address.getAddress(),
                null,
                false,
                false,
                attempts,
                now);
    }

    /** A result from what one host did with the recipient. */
    static RecipientResult fromSession(
            RecipientOutcome outcome, DeliveryOutcome delivery, boolean relayed, int attempts, Instant now) {
        SmtpReply reply = outcome.reply();
        SessionFailure failure = outcome.failure();
        EnhancedStatusCode code = reply != null ? reply.enhancedCode() : null;
        if (code == null && failure != null) {
            code = failure.statusCode();
        }
        String text;
        if (reply != null && failure == null) {
            text = reply.text();
        } else if (failure != null) {
            text = failure.message();
        } else {
            text = "";
        }
        return new RecipientResult(
                outcome.recipient(),
                outcome.status(),
                reply,
                code,
                text,
                delivery.host(),
                delivery.address().getAddress(),
                delivery.tls(),
                relayed,
                outcome.outcomeUnknown(),
                attempts,
                now);
    }

    /** Returns {@code result} for another spelling of the same recipient. */
    static RecipientResult withRecipient(RecipientResult result, String recipient) {
        if (result.recipient().equals(recipient)) {
            return result;
        }
        return new RecipientResult(
                recipient,
                result.status(),
                result.reply(),
                result.enhancedCode(),
                result.text(),
                result.host(),
                result.address(),
                result.tls(),
                result.relayed(),
                result.outcomeUnknown(),
                result.attempts(),
                result.completed());
    }
}

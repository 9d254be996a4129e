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
                codeOf(failure),
                failure.message(),
                host,
                address.getAddress(),
                null,
                false,
                false,
                attempts,
                now);
    }

    /**
     * A result from what one host did with the recipient.
     *
     * @param host the host name from the route being walked; a pooled session may have been
     *     opened under another name for the same address
     */
    static RecipientResult fromSession(
            RecipientOutcome outcome,
            DeliveryOutcome delivery,
            String host,
            boolean relayed,
            int attempts,
            Instant now) {
        SmtpReply reply = outcome.reply();
        SessionFailure failure = outcome.failure();
        EnhancedStatusCode code = reply != null ? reply.enhancedCode() : null;
        if (code == null && failure != null) {
            code = codeOf(failure);
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
                host,
                delivery.address().getAddress(),
                delivery.tls(),
                relayed,
                outcome.outcomeUnknown(),
                attempts,
                now);
    }

    /**
     * Returns the RFC 3463 code of a session failure: its own, or one that names the local
     * condition, so that every deferral carries a code a bounce can quote.
     */
    static @Nullable EnhancedStatusCode codeOf(SessionFailure failure) {
        if (failure.statusCode() != null) {
            return failure.statusCode();
        }
        return switch (failure.kind()) {
                // X.4.1: no answer from host; X.4.2: bad connection.
            case CONNECT_FAILED, TIMEOUT -> new EnhancedStatusCode(4, 4, 1);
            case CONNECTION_LOST, NEEDS_RECONNECT, SERVER_CLOSING -> new EnhancedStatusCode(4, 4, 2);
                // X.7.10: encryption needed (RFC 5248); X.7.5: cryptographic failure.
            case TLS_UNAVAILABLE -> new EnhancedStatusCode(4, 7, 10);
            case TLS_FAILED -> new EnhancedStatusCode(4, 7, 5);
                // X.5.0: other or undefined protocol status.
            case PROTOCOL_ERROR, GREETING_REFUSED, HELLO_REFUSED -> new EnhancedStatusCode(4, 5, 0);
                // X.7.8: authentication credentials invalid (RFC 4954).
            case AUTH_FAILED -> new EnhancedStatusCode(4, 7, 8);
            case HOST_UNSUITABLE, MESSAGE_SOURCE_FAILED -> new EnhancedStatusCode(4, 3, 0);
        };
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

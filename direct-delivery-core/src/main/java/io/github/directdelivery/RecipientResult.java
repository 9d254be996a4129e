package io.github.directdelivery;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What happened to a message for one recipient.
 *
 * @param recipient the recipient address as given in the envelope
 * @param status delivered, deferred or failed
 * @param reply the final SMTP reply for this recipient, or null when no server gave one (a DNS
 *     failure, a null MX, a connection failure, a local error)
 * @param enhancedCode the RFC 3463 status code: the reply's when it carried one, otherwise the one
 *     this library assigned (such as 5.1.10 for a null MX), or null when neither exists
 * @param text the reply text, or a description of the local outcome
 * @param host the name of the host that sent the final reply. When no host replied, it is the
 *     last host tried, and it is null when no host was tried, for example after a DNS failure
 * @param address the IP address of that host, or null
 * @param tls the TLS protocol and cipher of the session, or null for plaintext or no session
 * @param relayed whether the fallback relay took the message rather than the recipient's MX host
 * @param outcomeUnknown whether the connection was lost after the message data was sent, so the
 *     server may or may not have accepted it
 * @param attempts how many delivery attempts were made for this recipient
 * @param completed when the final answer arrived
 */
public record RecipientResult(
        String recipient,
        DeliveryStatus status,
        @Nullable SmtpReply reply,
        @Nullable EnhancedStatusCode enhancedCode,
        String text,
        @Nullable String host,
        @Nullable InetAddress address,
        @Nullable TlsInfo tls,
        boolean relayed,
        boolean outcomeUnknown,
        int attempts,
        Instant completed) {

    public RecipientResult {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(completed, "completed");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, not " + attempts);
        }
    }

    /** Returns the reply code, or null when no server replied. */
    public @Nullable Integer code() {
        return reply == null ? null : reply.code();
    }

    /** Returns one line such as {@code user@example.com DELIVERED 250 2.0.0 ok (mx.example.com [192.0.2.1])}. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(recipient).append(' ').append(status);
        if (reply != null) {
            line.append(' ').append(reply);
        } else {
            if (enhancedCode != null) {
                line.append(' ').append(enhancedCode);
            }
            line.append(' ').append(text);
        }
        if (host != null) {
            line.append(" (").append(host);
            if (address != null) {
                line.append(" [").append(address.getHostAddress()).append(']');
            }
            line.append(')');
        }
        if (relayed) {
            line.append(" via relay");
        }
        if (outcomeUnknown) {
            line.append(" outcome unknown");
        }
        return line.toString();
    }
}

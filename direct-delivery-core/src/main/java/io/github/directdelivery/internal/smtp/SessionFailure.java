package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.SmtpReply;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The reason a session with a host ended before it could carry every transaction. It affects all
 * recipients that had no outcome yet; they are DEFERRED for this host, and the delivery engine
 * decides what happens next from {@link #kind()}.
 *
 * @param kind what went wrong
 * @param message a sentence for logs and reports, naming the host step that failed
 * @param reply the server reply that caused it, or null when there was none
 * @param statusCode the RFC 3463 code that describes it: the reply's own, or a local one such as
 *     5.3.4 for {@link Kind#HOST_UNSUITABLE}; null when neither applies
 * @param plaintextRetryAllowed for {@link Kind#TLS_FAILED} under the OPPORTUNISTIC policy: the
 *     engine may open a new session to the same host with {@code TlsPolicy.NONE} and deliver
 *     without STARTTLS
 * @param cause the transport exception, or null
 */
public record SessionFailure(
        Kind kind,
        String message,
        @Nullable SmtpReply reply,
        @Nullable EnhancedStatusCode statusCode,
        boolean plaintextRetryAllowed,
        @Nullable Exception cause) {

    /** The kinds of session failure. */
    public enum Kind {
        /** The TCP connection could not be opened. Try the next address or host. */
        CONNECT_FAILED,
        /** The greeting was 4xx or 5xx other than 421; QUIT was sent. Try the next host. */
        GREETING_REFUSED,
        /** EHLO got 4xx, or both EHLO and HELO were refused. Try the next host. */
        HELLO_REFUSED,
        /** The policy requires TLS, but the server does not offer STARTTLS or refused it. */
        TLS_UNAVAILABLE,
        /** The TLS handshake or certificate check failed; see {@link #plaintextRetryAllowed()}. */
        TLS_FAILED,
        /** The relay refused the credentials, or offers no mechanism this client has. */
        AUTH_FAILED,
        /**
         * The host lacks something the message needs (SIZE, 8BITMIME, SMTPUTF8); no MAIL was sent.
         * {@link #statusCode()} names the missing extension. The recipients fail with that code only when no host
         * qualifies.
         */
        HOST_UNSUITABLE,
        /** The server sent 421 and is closing the connection. Try the next host. */
        SERVER_CLOSING,
        /** The server broke the protocol (malformed or oversized reply, unexpected bytes). */
        PROTOCOL_ERROR,
        /** A reply or a write did not finish in time. */
        TIMEOUT,
        /** The connection broke in the middle of the session. */
        CONNECTION_LOST,
        /**
         * A reused idle connection turned out closed by the server (421 or end of stream on its
         * first command). Nothing was delivered; open a new session and repeat, without counting
         * an attempt.
         */
        NEEDS_RECONNECT,
        /** The message source could not be read again, or returned different bytes the second time. */
        MESSAGE_SOURCE_FAILED
    }

    /**
     * Creates the record.
     *
     * @throws IllegalArgumentException if {@code plaintextRetryAllowed} is set for another kind than
     *     {@link Kind#TLS_FAILED}
     */
    public SessionFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (plaintextRetryAllowed && kind != Kind.TLS_FAILED) {
            throw new IllegalArgumentException("only a TLS failure allows a plaintext retry, not " + kind);
        }
    }

    static SessionFailure of(Kind kind, String message, @Nullable SmtpReply reply) {
        return new SessionFailure(kind, message, reply, reply == null ? null : reply.enhancedCode(), false, null);
    }

    static SessionFailure of(Kind kind, String message, Exception cause) {
        return new SessionFailure(kind, message + ": " + cause.getMessage(), null, null, false, cause);
    }

    /** Returns whether the send deadline cut the session short, rather than the host failing on its own. */
    public boolean deadlinePassed() {
        return cause instanceof SendDeadlineException;
    }

    @Override
    public String toString() {
        return kind + ": " + message + (reply == null ? "" : " (" + reply + ")");
    }
}

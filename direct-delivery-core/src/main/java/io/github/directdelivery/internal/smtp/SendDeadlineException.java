package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.EnhancedStatusCode;
import java.net.SocketTimeoutException;

/**
 * A step of a session was cut short because the {@link SendDeadline} passed before its own
 * timeout. The connection is closed; the recipients without a reply are DEFERRED.
 */
final class SendDeadlineException extends SocketTimeoutException {

    private static final long serialVersionUID = 1L;

    /**
     * RFC 3463 X.4.7, "delivery time expired": the sender's time limit for the message ran out. The
     * other candidate, X.4.1 "no answer from host", would blame the host, which may still have been
     * within the RFC 5321 timeouts when the client's own deadline passed.
     */
    static final EnhancedStatusCode TIME_EXPIRED = new EnhancedStatusCode(4, 4, 7);

    SendDeadlineException(String message) {
        super(message);
    }

    /** Returns the session failure that reports this exception as it is. */
    SessionFailure toFailure(SessionFailure.Kind kind) {
        return new SessionFailure(kind, String.valueOf(getMessage()), null, TIME_EXPIRED, false, this);
    }
}

package io.github.directdelivery.internal.smtp;

import java.io.IOException;

/**
 * The server broke the SMTP protocol: a malformed or oversized reply, or bytes where none may be.
 * The session cannot continue on that connection.
 */
public final class SmtpProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names what was wrong. */
    public SmtpProtocolException(String message) {
        super(message);
    }
}

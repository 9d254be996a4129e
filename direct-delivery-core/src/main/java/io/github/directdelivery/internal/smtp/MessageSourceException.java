package io.github.directdelivery.internal.smtp;

import java.io.IOException;

/**
 * The message source failed while its content was being sent: it could not be read, or it
 * returned a different number of bytes than the first pass counted. The connection is closed
 * without completing the data, so the server never receives a wrong or truncated message.
 */
final class MessageSourceException extends IOException {

    private static final long serialVersionUID = 1L;

    MessageSourceException(String message) {
        super(message);
    }

    MessageSourceException(String message, IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}

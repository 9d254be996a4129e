package io.github.directdelivery;

/**
 * Thrown before any network traffic when a message cannot be sent as it is: it is empty, its
 * header section is too large, or a line is longer than SMTP allows.
 */
public final class InvalidMessageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the problem. */
    public InvalidMessageException(String message) {
        super(message);
    }
}

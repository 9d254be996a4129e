package io.github.directdelivery.internal.queue;

import java.io.IOException;

/** A spool file that is truncated or does not match its checksum, so its message cannot be trusted. */
public final class CorruptSpoolFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    CorruptSpoolFileException(String reason) {
        super(reason);
        this.reason = reason;
    }

    CorruptSpoolFileException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /** Returns what is wrong with the file, such as {@code the message does not match its checksum}. */
    public String reason() {
        return reason;
    }
}

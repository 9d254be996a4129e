package io.github.directdelivery;

import java.nio.file.Path;

/**
 * Thrown by {@link DurableDelivery.Builder#build()} when another {@link DurableDelivery}, in this
 * process or another, holds the lock of the spool directory. Only one queue may use a directory at
 * a time; use another directory or stop the other queue.
 */
public final class SpoolInUseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String spoolDirectory;

    /**
     * Creates the exception for {@code spoolDirectory}, with a message that names the directory and
     * the lock's owner when known.
     */
    public SpoolInUseException(Path spoolDirectory, String message, Throwable cause) {
        super(message, cause);
        this.spoolDirectory = spoolDirectory.toString();
    }

    /** Returns the spool directory that is in use, as it was passed to the builder. */
    public Path spoolDirectory() {
        return Path.of(spoolDirectory);
    }
}

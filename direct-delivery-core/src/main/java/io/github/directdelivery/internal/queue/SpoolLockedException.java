package io.github.directdelivery.internal.queue;

import java.io.IOException;

/** The spool directory is locked by another queue, in this process or another. */
public final class SpoolLockedException extends IOException {

    private static final long serialVersionUID = 1L;

    SpoolLockedException(String message) {
        super(message);
    }
}

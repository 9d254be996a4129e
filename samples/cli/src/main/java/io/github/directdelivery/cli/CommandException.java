package io.github.directdelivery.cli;

import org.jspecify.annotations.Nullable;

/** Ends a command with an error line on standard error and the given exit code. */
final class CommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CommandException(int exitCode, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    CommandException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    int exitCode() {
        return exitCode;
    }

    /** Returns the exception's message, or its class name when it has none. */
    static String messageOf(Throwable e) {
        String message = e.getMessage();
        return message != null ? message : e.getClass().getName();
    }
}

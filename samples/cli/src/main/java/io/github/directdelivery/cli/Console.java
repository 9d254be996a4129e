package io.github.directdelivery.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;

/**
 * The standard streams of one command line run, passed in so that tests can run commands in
 * process.
 *
 * @param in standard input, read by {@code send -}
 * @param out standard output
 * @param err standard error
 */
record Console(InputStream in, PrintWriter out, PrintWriter err) {

    /**
     * Prints one error line, {@code command: message}, and with {@code verbose} the stack trace of
     * its cause.
     */
    void error(String command, String message, @Nullable Throwable cause, boolean verbose) {
        err.println(command + ": " + message);
        if (verbose && cause != null) {
            cause.printStackTrace(err);
        }
        err.flush();
    }
}

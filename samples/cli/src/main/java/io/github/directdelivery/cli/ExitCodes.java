package io.github.directdelivery.cli;

/** The exit codes of the command line, from BSD's {@code sysexits.h}. */
final class ExitCodes {

    /** Success: every recipient delivered, or a route found. */
    static final int OK = 0;

    /** The command was used incorrectly: an unknown option, a missing or malformed argument. */
    static final int USAGE = 64;

    /** The message cannot be sent as it is, for example because it is empty. */
    static final int DATA_ERROR = 65;

    /** The message file does not exist or cannot be read. */
    static final int NO_INPUT = 66;

    /** A recipient failed permanently, or a domain accepts no mail. */
    static final int UNAVAILABLE = 69;

    /** An internal error: a bug, or a demo scenario that did not end as expected. */
    static final int SOFTWARE = 70;

    /** The output file given with {@code --json} cannot be created. */
    static final int CANNOT_CREATE = 73;

    /** A recipient or a lookup failed temporarily; trying again later may succeed. */
    static final int TEMPORARY_FAILURE = 75;

    private ExitCodes() {}
}

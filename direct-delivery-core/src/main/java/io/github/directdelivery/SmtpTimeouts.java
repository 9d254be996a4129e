package io.github.directdelivery;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits of an SMTP session with one destination host.
 *
 * <p>Each limit applies to a whole step, not to a single read: a server that sends its reply one
 * byte at a time still hits the limit. {@link #defaults()} follows RFC 5321 §4.5.3.2. Tests and
 * callers with stricter needs derive shorter limits with the {@code with...} methods, which return
 * a copy.
 *
 * @param connect how long opening the TCP connection may take; default 30 seconds
 * @param greeting how long the server may take to send its complete 220 greeting; default 5 minutes
 * @param command the reply limit for EHLO, HELO, STARTTLS, AUTH, RSET, NOOP and QUIT. RFC 5321 gives
 *     no figure for them, so the default is 5 minutes, like MAIL
 * @param tlsHandshake how long a TLS handshake may take, as a whole; default 1 minute
 * @param mail the reply limit for MAIL; default 5 minutes
 * @param rcpt the reply limit for each RCPT; default 5 minutes
 * @param dataStart the reply limit for DATA (the 354); default 2 minutes
 * @param dataBlock how long writing one block of message data may take; default 3 minutes
 * @param dataEnd the reply limit after the final dot or {@code BDAT ... LAST}; default 10 minutes
 * @param write how long writing one command or batch of pipelined commands may take; default 3
 *     minutes, like a data block
 */
public record SmtpTimeouts(
        Duration connect,
        Duration greeting,
        Duration command,
        Duration tlsHandshake,
        Duration mail,
        Duration rcpt,
        Duration dataStart,
        Duration dataBlock,
        Duration dataEnd,
        Duration write) {

    private static final SmtpTimeouts DEFAULTS = new SmtpTimeouts(
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(2),
            Duration.ofMinutes(3),
            Duration.ofMinutes(10),
            Duration.ofMinutes(3));

    /**
     * Creates the limits.
     *
     * @throws NullPointerException if any limit is null
     * @throws IllegalArgumentException if any limit is zero or negative
     */
    public SmtpTimeouts {
        requirePositive(connect, "connect");
        requirePositive(greeting, "greeting");
        requirePositive(command, "command");
        requirePositive(tlsHandshake, "tlsHandshake");
        requirePositive(mail, "mail");
        requirePositive(rcpt, "rcpt");
        requirePositive(dataStart, "dataStart");
        requirePositive(dataBlock, "dataBlock");
        requirePositive(dataEnd, "dataEnd");
        requirePositive(write, "write");
    }

    /** Returns the RFC 5321 §4.5.3.2 limits, with 30 seconds to connect. */
    public static SmtpTimeouts defaults() {
        return DEFAULTS;
    }

    /**
     * Returns limits that are all the same, which suits tests against servers on loopback.
     *
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public static SmtpTimeouts uniform(Duration timeout) {
        return new SmtpTimeouts(
                timeout, timeout, timeout, timeout, timeout, timeout, timeout, timeout, timeout, timeout);
    }

    /** Returns a copy with another connect limit. */
    public SmtpTimeouts withConnect(Duration value) {
        return new SmtpTimeouts(
                value, greeting, command, tlsHandshake, mail, rcpt, dataStart, dataBlock, dataEnd, write);
    }

    /** Returns a copy with another greeting limit. */
    public SmtpTimeouts withGreeting(Duration value) {
        return new SmtpTimeouts(
                connect, value, command, tlsHandshake, mail, rcpt, dataStart, dataBlock, dataEnd, write);
    }

    /** Returns a copy with another limit for EHLO, HELO, STARTTLS, AUTH, RSET, NOOP and QUIT. */
    public SmtpTimeouts withCommand(Duration value) {
        return new SmtpTimeouts(
                connect, greeting, value, tlsHandshake, mail, rcpt, dataStart, dataBlock, dataEnd, write);
    }

    /** Returns a copy with another TLS handshake limit. */
    public SmtpTimeouts withTlsHandshake(Duration value) {
        return new SmtpTimeouts(connect, greeting, command, value, mail, rcpt, dataStart, dataBlock, dataEnd, write);
    }

    /** Returns a copy with another MAIL reply limit. */
    public SmtpTimeouts withMail(Duration value) {
        return new SmtpTimeouts(
                connect, greeting, command, tlsHandshake, value, rcpt, dataStart, dataBlock, dataEnd, write);
    }

    /** Returns a copy with another RCPT reply limit. */
    public SmtpTimeouts withRcpt(Duration value) {
        return new SmtpTimeouts(
                connect, greeting, command, tlsHandshake, mail, value, dataStart, dataBlock, dataEnd, write);
    }

    /** Returns a copy with another DATA reply limit. */
    public SmtpTimeouts withDataStart(Duration value) {
        return new SmtpTimeouts(connect, greeting, command, tlsHandshake, mail, rcpt, value, dataBlock, dataEnd, write);
    }

    /** Returns a copy with another limit for writing one block of message data. */
    public SmtpTimeouts withDataBlock(Duration value) {
        return new SmtpTimeouts(connect, greeting, command, tlsHandshake, mail, rcpt, dataStart, value, dataEnd, write);
    }

    /** Returns a copy with another limit for the reply after the final dot or BDAT LAST. */
    public SmtpTimeouts withDataEnd(Duration value) {
        return new SmtpTimeouts(
                connect, greeting, command, tlsHandshake, mail, rcpt, dataStart, dataBlock, value, write);
    }

    /** Returns a copy with another limit for writing a command or a batch of commands. */
    public SmtpTimeouts withWrite(Duration value) {
        return new SmtpTimeouts(
                connect, greeting, command, tlsHandshake, mail, rcpt, dataStart, dataBlock, dataEnd, value);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " timeout must be positive, not " + value);
        }
    }
}

package io.github.directdelivery.internal.smtp;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A socket's output stream whose every write and flush must finish within the current timeout,
 * shortened to the time left before the {@link SendDeadline}; otherwise the {@link WriteWatchdog}
 * closes the socket and the call throws {@link SocketTimeoutException}, or
 * {@link SendDeadlineException} when the deadline was the shorter limit.
 */
final class GuardedOutputStream extends OutputStream {

    private final OutputStream out;
    private final Closeable socket;
    private final WriteWatchdog watchdog;
    private Duration timeout;
    private SendDeadline deadline = SendDeadline.none();
    private String step = "writing";

    GuardedOutputStream(OutputStream out, Closeable socket, WriteWatchdog watchdog, Duration timeout) {
        this.out = out;
        this.socket = socket;
        this.watchdog = watchdog;
        this.timeout = timeout;
    }

    /** Applies {@code value} to the following writes. */
    void timeout(Duration value) {
        this.timeout = value;
    }

    /** Bounds the following writes by {@code value} too, and names them {@code writing} in its failure. */
    void deadline(SendDeadline value, String writing) {
        this.deadline = value;
        this.step = writing;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] source, int offset, int length) throws IOException {
        Duration limit = limit();
        WriteWatchdog.Guard guard = watchdog.start(socket, limit);
        try {
            out.write(source, offset, length);
        } catch (IOException e) {
            throw translate(guard, limit, e);
        } finally {
            guard.close();
        }
    }

    @Override
    public void flush() throws IOException {
        Duration limit = limit();
        WriteWatchdog.Guard guard = watchdog.start(socket, limit);
        try {
            out.flush();
        } catch (IOException e) {
            throw translate(guard, limit, e);
        } finally {
            guard.close();
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private Duration limit() throws SendDeadlineException {
        Duration limit = deadline.limit(timeout);
        if (limit.isZero()) {
            throw deadline.passed(step, null);
        }
        return limit;
    }

    private IOException translate(WriteWatchdog.Guard guard, Duration limit, IOException e) {
        if (!guard.fired()) {
            return e;
        }
        if (limit.compareTo(timeout) < 0) {
            return deadline.passed(step, e);
        }
        SocketTimeoutException timedOut =
                new SocketTimeoutException("write not complete within " + timeout + "; connection closed");
        timedOut.initCause(e);
        return timedOut;
    }
}

package io.github.directdelivery.internal.smtp;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A socket's output stream whose every write and flush must finish within the current timeout;
 * otherwise the {@link WriteWatchdog} closes the socket and the call throws
 * {@link SocketTimeoutException}.
 */
final class GuardedOutputStream extends OutputStream {

    private final OutputStream out;
    private final Closeable socket;
    private final WriteWatchdog watchdog;
    private Duration timeout;

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

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] source, int offset, int length) throws IOException {
        WriteWatchdog.Guard guard = watchdog.start(socket, timeout);
        try {
            out.write(source, offset, length);
        } catch (IOException e) {
            throw translate(guard, e);
        } finally {
            guard.close();
        }
    }

    @Override
    public void flush() throws IOException {
        WriteWatchdog.Guard guard = watchdog.start(socket, timeout);
        try {
            out.flush();
        } catch (IOException e) {
            throw translate(guard, e);
        } finally {
            guard.close();
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private IOException translate(WriteWatchdog.Guard guard, IOException e) {
        if (!guard.fired()) {
            return e;
        }
        SocketTimeoutException timedOut =
                new SocketTimeoutException("write not complete within " + timeout + "; connection closed");
        timedOut.initCause(e);
        return timedOut;
    }
}

package io.github.directdelivery.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The record of what one client sent on one connection to a {@link ScriptedSmtpServer}: the exact bytes (after
 * TLS decryption) and the command lines. Thread-safe: the server's connection thread writes while
 * the test reads, so a test that wants the complete record calls {@link #awaitClosed(Duration)}
 * first.
 */
public final class RecordedConnection {

    private final int index;
    private final boolean recordBytes;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<String> commands = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean tls;

    RecordedConnection(int index, boolean recordBytes) {
        this.index = index;
        this.recordBytes = recordBytes;
    }

    /** Returns the position of this connection among those the server accepted, from 0. */
    public int index() {
        return index;
    }

    /**
     * Returns every byte the client sent so far, commands and content, as the server read them.
     * Empty when the server only hashes content.
     */
    public byte[] received() {
        synchronized (bytes) {
            return bytes.toByteArray();
        }
    }

    /** Returns {@link #received()} decoded as UTF-8. */
    public String receivedText() {
        return new String(received(), StandardCharsets.UTF_8);
    }

    /** Returns the command lines read so far, without CRLF and without message content. */
    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    /** Returns whether the connection switched to TLS (STARTTLS or implicit). */
    public boolean tls() {
        return tls;
    }

    /** Returns whether the server has finished with this connection. */
    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /**
     * Waits until the server has finished with this connection: the client quit or closed it, or
     * the script ended it.
     *
     * @throws AssertionError if that does not happen within {@code timeout}
     */
    public RecordedConnection awaitClosed(Duration timeout) {
        try {
            if (!closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AssertionError("connection " + index + " still open after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for connection " + index, e);
        }
        return this;
    }

    void recordBytes(byte[] source, int offset, int length) {
        if (recordBytes) {
            synchronized (bytes) {
                bytes.write(source, offset, length);
            }
        }
    }

    void recordCommand(String line) {
        synchronized (commands) {
            commands.add(line);
        }
    }

    void markTls() {
        tls = true;
    }

    void markClosed() {
        closed.countDown();
    }

    @Override
    public String toString() {
        return "RecordedConnection[" + index + ", commands=" + commands() + "]";
    }
}

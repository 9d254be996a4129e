package io.github.directdelivery.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The server's buffered view of what a client sends, recording every byte it reads. */
final class ServerInput {

    /** Longer lines are a broken client; the server drops it instead of buffering without end. */
    private static final int MAX_LINE = 1 << 20;

    private final RecordedConnection record;
    private final byte[] buffer = new byte[16384];
    private InputStream in;
    private int position;
    private int limit;

    ServerInput(InputStream in, RecordedConnection record) {
        this.in = in;
        this.record = record;
    }

    /** Continues on another stream, such as the same socket after the TLS handshake. */
    void replace(InputStream replacement) {
        this.in = replacement;
        this.position = 0;
        this.limit = 0;
    }

    /**
     * Returns the next line including its line ending (LF, usually after CR), or null at the end
     * of the stream before any byte.
     */
    byte @org.jspecify.annotations.Nullable [] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (position == limit && !fill()) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of a line");
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            boolean complete = position < limit;
            if (complete) {
                position++;
            }
            line.write(buffer, start, position - start);
            if (complete) {
                return line.toByteArray();
            }
            if (line.size() > MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
        }
    }

    /** Reads exactly {@code count} bytes and hands them to {@code sink} block by block. */
    void readExactly(long count, BlockSink sink) throws IOException {
        long remaining = count;
        while (remaining > 0) {
            if (position == limit && !fill()) {
                throw new EOFException("connection closed with " + remaining + " BDAT bytes missing");
            }
            int length = (int) Math.min(remaining, limit - position);
            sink.accept(buffer, position, length);
            position += length;
            remaining -= length;
        }
    }

    /** Receives consecutive blocks of bytes. */
    @FunctionalInterface
    interface BlockSink {
        void accept(byte[] source, int offset, int length);
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        if (read < 0) {
            return false;
        }
        record.recordBytes(buffer, 0, read);
        position = 0;
        limit = read;
        return true;
    }
}

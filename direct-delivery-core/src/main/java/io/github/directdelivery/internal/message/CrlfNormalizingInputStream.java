package io.github.directdelivery.internal.message;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream with every line ending turned into CRLF, as SMTP requires (RFC 5321 §2.3.8): a
 * bare CR and a bare LF each become CRLF, and a last line without a line ending gets one. An
 * empty input stays empty. Because no bare CR or LF survives, the data sent can never contain an
 * end-of-data sequence other than the client's own (the SMTP smuggling attack).
 *
 * <p>Not thread-safe. Closing this stream closes the underlying one.
 */
public final class CrlfNormalizingInputStream extends InputStream {

    // Small messages are common, so the buffer starts small and grows while reads fill it.
    private static final int INITIAL_BUFFER = 2048;
    private static final int MAX_BUFFER = 8192;

    private final InputStream in;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int position;
    private int limit;
    private boolean endOfInput;

    /** The previous input byte was a CR, so an LF that follows belongs to the same line ending. */
    private boolean skipLf;
    /** A CR was produced and its LF is still to be produced. */
    private boolean pendingLf;
    /** Nothing was produced yet, or the last byte produced was an LF. */
    private boolean atLineStart = true;

    /** Wraps {@code in}, which is read in blocks. */
    public CrlfNormalizingInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] single = new byte[1];
        int count = read(single, 0, 1);
        return count < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        int count = 0;
        while (count < length) {
            if (pendingLf) {
                target[offset + count++] = '\n';
                pendingLf = false;
                atLineStart = true;
                continue;
            }
            if (position == limit) {
                if (count > 0 || !fill()) {
                    break;
                }
                continue;
            }
            if (skipLf) {
                skipLf = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            // Copy the bytes up to the next CR or LF in one go: most of a message is line content.
            int end = Math.min(limit, position + (length - count));
            int run = position;
            while (run < end && buffer[run] != '\r' && buffer[run] != '\n') {
                run++;
            }
            if (run > position) {
                System.arraycopy(buffer, position, target, offset + count, run - position);
                count += run - position;
                position = run;
                atLineStart = false;
                continue;
            }
            byte next = buffer[position++];
            target[offset + count++] = '\r';
            pendingLf = true;
            skipLf = next == '\r';
            atLineStart = false;
        }
        return count == 0 ? -1 : count;
    }

    /**
     * Reads the next block, or at the end of the input starts the CRLF that ends an unterminated
     * last line. Returns false when nothing more will be produced.
     */
    private boolean fill() throws IOException {
        if (!endOfInput) {
            if (limit == buffer.length && buffer.length < MAX_BUFFER) {
                buffer = new byte[buffer.length * 2];
            }
            int read = in.read(buffer);
            if (read > 0) {
                position = 0;
                limit = read;
                return true;
            }
            if (read < 0) {
                endOfInput = true;
            } else {
                return true;
            }
        }
        if (!atLineStart) {
            // The CR goes into the buffer as if it were input; skipLf is false at this point.
            buffer[0] = '\r';
            position = 0;
            limit = 1;
            skipLf = false;
            return true;
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

package io.github.directdelivery.internal.message;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes message content in the form the DATA command needs (RFC 5321 §4.5.2): a line that starts
 * with a period gets a second one, and {@link #finish()} ends the data with {@code CRLF.CRLF}.
 * The input must already be CRLF-normalised ({@link CrlfNormalizingInputStream}).
 *
 * <p>Neither {@link #finish()} nor {@link #close()} closes the underlying stream; {@code close}
 * only flushes it. Not thread-safe.
 */
public final class DotStuffingOutputStream extends OutputStream {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_DATA = {'.', '\r', '\n'};

    private final OutputStream out;
    private boolean atLineStart = true;

    /** Wraps {@code out}, which receives the stuffed bytes. */
    public DotStuffingOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] source, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, source.length);
        int runStart = offset;
        int end = offset + length;
        int lineStart = offset;
        while (lineStart < end) {
            if (atLineStart && source[lineStart] == '.') {
                // Write the run so far including this period, then let the period start the next run.
                out.write(source, runStart, lineStart - runStart + 1);
                runStart = lineStart;
            }
            int lineFeed = lineStart;
            while (lineFeed < end && source[lineFeed] != '\n') {
                lineFeed++;
            }
            if (lineFeed == end) {
                atLineStart = false;
                break;
            }
            atLineStart = true;
            lineStart = lineFeed + 1;
        }
        out.write(source, runStart, end - runStart);
    }

    /**
     * Ends the data: a CRLF if the content did not end with one, then the lone period line.
     *
     * @throws IOException if the underlying stream fails
     */
    public void finish() throws IOException {
        if (!atLineStart) {
            out.write(CRLF);
        }
        out.write(END_OF_DATA);
        atLineStart = true;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}

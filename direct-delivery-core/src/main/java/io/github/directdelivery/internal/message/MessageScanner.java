package io.github.directdelivery.internal.message;

import io.github.directdelivery.MessageSource;
import java.io.IOException;
import java.io.InputStream;

/** Makes the first pass over a message: one streaming read that produces its {@link MessageFacts}. */
public final class MessageScanner {

    private MessageScanner() {}

    /**
     * Reads {@code data} once and returns the facts of its CRLF-normalised form, as
     * {@link CrlfNormalizingInputStream} would produce it, without producing that form. Memory use
     * does not depend on the message size.
     *
     * @throws IOException if the source cannot be read
     */
    public static MessageFacts scan(MessageSource data) throws IOException {
        try (InputStream in = data.open()) {
            return scan(in);
        }
    }

    // Small messages are common, so the buffer starts small and grows while reads fill it.
    private static final int INITIAL_BUFFER = 4096;
    private static final int MAX_BUFFER = 16384;

    private static MessageFacts scan(InputStream in) throws IOException {
        byte[] buffer = new byte[INITIAL_BUFFER];
        Tally tally = new Tally();
        int read;
        while ((read = in.read(buffer)) >= 0) {
            tally.add(buffer, read);
            if (read == buffer.length && buffer.length < MAX_BUFFER) {
                buffer = new byte[buffer.length * 2];
            }
        }
        return tally.facts();
    }

    /**
     * The facts of the normalised form so far. A CRLF, a bare CR and a bare LF each end a line and
     * become two octets on the wire, and a last line without an ending gets a CRLF: the rules of
     * {@link CrlfNormalizingInputStream}.
     */
    private static final class Tally {
        private long size;
        private boolean eightBit;
        private boolean nonAsciiHeaders;
        private boolean inHeader = true;
        private long lineLength;
        private long longestLine;
        /** The previous byte was a CR, so an LF now belongs to the same line ending. */
        private boolean afterCr;

        void add(byte[] buffer, int length) {
            int start = 0;
            while (start < length) {
                if (afterCr) {
                    afterCr = false;
                    if (buffer[start] == '\n') {
                        start++;
                        continue;
                    }
                }
                int end = start;
                int highBits = 0;
                while (end < length && buffer[end] != '\r' && buffer[end] != '\n') {
                    highBits |= buffer[end];
                    end++;
                }
                if (end > start) {
                    addContent(end - start, highBits);
                    start = end;
                } else {
                    afterCr = buffer[start] == '\r';
                    start++;
                    endLine();
                }
            }
        }

        /** Counts {@code octets} of line content; {@code highBits} is the OR of their sign-extended bytes. */
        private void addContent(int octets, int highBits) {
            lineLength += octets;
            size += octets;
            if (highBits < 0) {
                eightBit = true;
                nonAsciiHeaders |= inHeader;
            }
        }

        private void endLine() {
            size += 2;
            // RFC 5322 §2.1: the first empty line ends the header block.
            if (lineLength == 0) {
                inHeader = false;
            }
            longestLine = Math.max(longestLine, lineLength);
            lineLength = 0;
        }

        MessageFacts facts() {
            if (lineLength > 0) {
                endLine();
            }
            return new MessageFacts(size, eightBit, nonAsciiHeaders, (int) Math.min(longestLine, Integer.MAX_VALUE));
        }
    }
}

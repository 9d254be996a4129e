package io.github.directdelivery.internal.message;

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
    public static MessageFacts scan(MessageData data) throws IOException {
        try (InputStream in = data.open()) {
            return scan(in);
        }
    }

    // A CRLF, a bare CR and a bare LF each end a line and become two octets on the wire, and a last
    // line without an ending gets a CRLF: the rules of CrlfNormalizingInputStream.
    private static MessageFacts scan(InputStream in) throws IOException {
        byte[] buffer = new byte[16384];
        long size = 0;
        boolean eightBit = false;
        boolean nonAsciiHeaders = false;
        boolean inHeader = true;
        long lineLength = 0;
        long longestLine = 0;
        // The previous byte was a CR, so an LF now belongs to the same line ending.
        boolean afterCr = false;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            int start = 0;
            while (start < read) {
                if (afterCr) {
                    afterCr = false;
                    if (buffer[start] == '\n') {
                        start++;
                        continue;
                    }
                }
                int end = start;
                int highBits = 0;
                while (end < read && buffer[end] != '\r' && buffer[end] != '\n') {
                    highBits |= buffer[end];
                    end++;
                }
                if (end > start) {
                    lineLength += end - start;
                    size += end - start;
                    if (highBits < 0) {
                        // A byte of 0x80 or above, sign-extended, made the OR negative.
                        eightBit = true;
                        nonAsciiHeaders |= inHeader;
                    }
                    start = end;
                    continue;
                }
                afterCr = buffer[start] == '\r';
                start++;
                size += 2;
                // RFC 5322 §2.1: the first empty line ends the header block.
                if (lineLength == 0) {
                    inHeader = false;
                }
                longestLine = Math.max(longestLine, lineLength);
                lineLength = 0;
            }
        }
        if (lineLength > 0) {
            size += 2;
            longestLine = Math.max(longestLine, lineLength);
        }
        return new MessageFacts(size, eightBit, nonAsciiHeaders, (int) Math.min(longestLine, Integer.MAX_VALUE));
    }
}

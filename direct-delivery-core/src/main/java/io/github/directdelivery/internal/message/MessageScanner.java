package io.github.directdelivery.internal.message;

import java.io.IOException;
import java.io.InputStream;

/** Makes the first pass over a message: one streaming read that produces its {@link MessageFacts}. */
public final class MessageScanner {

    private MessageScanner() {}

    /**
     * Reads {@code data} once, through CRLF normalisation, and returns its facts. Memory use does
     * not depend on the message size.
     *
     * @throws IOException if the source cannot be read
     */
    public static MessageFacts scan(MessageData data) throws IOException {
        try (InputStream in = new CrlfNormalizingInputStream(data.open())) {
            return scan(in);
        }
    }

    private static MessageFacts scan(InputStream in) throws IOException {
        byte[] buffer = new byte[16384];
        long size = 0;
        boolean eightBit = false;
        boolean nonAsciiHeaders = false;
        boolean inHeader = true;
        // The octets of the current line so far, counting its CR: after normalisation every LF
        // follows a CR, and no other CR is left.
        long lineLength = 0;
        long longestLine = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            size += read;
            int start = 0;
            while (start < read) {
                int end = start;
                int highBits = 0;
                while (end < read && buffer[end] != '\n') {
                    highBits |= buffer[end];
                    end++;
                }
                lineLength += end - start;
                if (highBits < 0) {
                    // A byte of 0x80 or above, sign-extended, made the OR negative.
                    eightBit = true;
                    nonAsciiHeaders |= inHeader;
                }
                if (end == read) {
                    break;
                }
                long length = Math.max(0, lineLength - 1);
                // RFC 5322 §2.1: the first empty line ends the header block.
                if (length == 0) {
                    inHeader = false;
                }
                longestLine = Math.max(longestLine, length);
                lineLength = 0;
                start = end + 1;
            }
        }
        return new MessageFacts(size, eightBit, nonAsciiHeaders, (int) Math.min(longestLine, Integer.MAX_VALUE));
    }
}

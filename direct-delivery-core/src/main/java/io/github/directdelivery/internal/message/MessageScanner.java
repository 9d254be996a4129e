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
        long lineLength = 0;
        long longestLine = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            size += read;
            for (int i = 0; i < read; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    // RFC 5322 §2.1: the first empty line ends the header block.
                    if (lineLength == 0) {
                        inHeader = false;
                    }
                    longestLine = Math.max(longestLine, lineLength);
                    lineLength = 0;
                } else if (b != '\r') {
                    // After normalisation a CR only ever starts a CRLF, so it is not line content.
                    lineLength++;
                    if (b < 0) {
                        eightBit = true;
                        nonAsciiHeaders |= inHeader;
                    }
                }
            }
        }
        return new MessageFacts(size, eightBit, nonAsciiHeaders, (int) Math.min(longestLine, Integer.MAX_VALUE));
    }
}

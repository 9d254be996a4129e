package io.github.directdelivery.internal.message;

/**
 * The facts about a message that the client needs before it sends MAIL, from one pass over its
 * CRLF-normalised bytes.
 *
 * @param size the exact number of bytes after CRLF normalisation: the {@code SIZE=} value and the
 *     BDAT count
 * @param eightBit whether any byte is 0x80 or above, which needs {@code BODY=8BITMIME} (RFC 6152)
 * @param nonAsciiHeaders whether any byte of the header block (before the first empty line) is 0x80
 *     or above, which needs {@code SMTPUTF8} (RFC 6532)
 * @param longestLine the length of the longest line in octets, without its CRLF
 */
public record MessageFacts(long size, boolean eightBit, boolean nonAsciiHeaders, int longestLine) {

    /** RFC 5321 §4.5.3.1.6: a line is at most 1000 octets including its CRLF. */
    public static final int MAX_LINE_LENGTH = 998;

    /**
     * Creates the record.
     *
     * @throws IllegalArgumentException if a number is negative, or non-ASCII headers are claimed for
     *     a message that is not 8-bit
     */
    public MessageFacts {
        if (size < 0 || longestLine < 0) {
            throw new IllegalArgumentException(
                    "size and longest line must not be negative: " + size + ", " + longestLine);
        }
        if (nonAsciiHeaders && !eightBit) {
            throw new IllegalArgumentException("a message with non-ASCII headers is 8-bit");
        }
    }

    /** Returns whether a line is longer than SMTP allows, so the message cannot be sent as it is. */
    public boolean hasOverlongLine() {
        return longestLine > MAX_LINE_LENGTH;
    }
}

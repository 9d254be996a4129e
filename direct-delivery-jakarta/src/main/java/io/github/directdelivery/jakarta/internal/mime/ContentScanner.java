package io.github.directdelivery.jakarta.internal.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Measures the bytes written to it: how many are not 7-bit data, the longest line and whether a
 * line ends in a bare CR or a bare LF. Nothing is stored, so content of any size can be measured.
 */
final class ContentScanner extends OutputStream {

    /** RFC 5321 §4.5.3.1.6: a line is at most 998 octets, not counting its CRLF. */
    static final int MAX_LINE_LENGTH = 998;

    private long total;
    private long nonAscii;
    private long lineLength;
    private long longestLine;
    private boolean bareLineBreak;
    private boolean pendingCr;

    /** Reads {@code input} to its end and returns what it measured; the caller closes the stream. */
    static ContentScanner scan(InputStream input) throws IOException {
        ContentScanner scanner = new ContentScanner();
        input.transferTo(scanner);
        scanner.finish();
        return scanner;
    }

    @Override
    public void write(int value) {
        int octet = value & 0xff;
        total++;
        if (pendingCr) {
            pendingCr = false;
            if (octet == '\n') {
                endLine();
                return;
            }
            bareLineBreak = true;
            endLine();
        }
        if (octet == '\r') {
            pendingCr = true;
        } else if (octet == '\n') {
            bareLineBreak = true;
            endLine();
        } else {
            // RFC 2045 §2.7: 7-bit data has no octet above 127 and no NUL.
            if (octet >= 0x80 || octet == 0) {
                nonAscii++;
            }
            lineLength++;
            longestLine = Math.max(longestLine, lineLength);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** Ends the measurement; a CR at the very end counts as a bare CR. */
    void finish() {
        if (pendingCr) {
            pendingCr = false;
            bareLineBreak = true;
        }
    }

    /** Returns the number of bytes measured. */
    long total() {
        return total;
    }

    /** Returns the number of bytes above 127 and NUL bytes. */
    long nonAscii() {
        return nonAscii;
    }

    /** Returns the length of the longest line in bytes, without its line break. */
    long longestLine() {
        return longestLine;
    }

    /**
     * Returns whether the content can be sent as it is with the {@code 7bit} transfer encoding.
     * Text may use any line breaks, because SMTP sends every one as CRLF and text means the same
     * with either. Other content may not, because that rewriting would change its bytes.
     */
    boolean isSevenBit(boolean text) {
        return nonAscii == 0 && longestLine <= MAX_LINE_LENGTH && (text || !bareLineBreak);
    }

    /**
     * Returns whether content already in a transfer encoding (quoted-printable, base64) passes
     * SMTP unchanged. Line breaks do not matter there, since decoders accept CRLF.
     */
    boolean isSafeEncodedForm() {
        return nonAscii == 0 && longestLine <= MAX_LINE_LENGTH;
    }

    /**
     * Returns the transfer encoding for content that is not 7-bit: quoted-printable for text in
     * which most bytes are ASCII, so it stays readable, and base64 for everything else.
     */
    String encodingFor(boolean text) {
        return text && nonAscii * 2 < total ? SevenBitConverter.QUOTED_PRINTABLE : SevenBitConverter.BASE64;
    }

    private void endLine() {
        lineLength = 0;
    }
}

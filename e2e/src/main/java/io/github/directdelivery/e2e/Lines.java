package io.github.directdelivery.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Splitting messages into lines and reading header fields, byte for byte. */
final class Lines {

    private Lines() {}

    /**
     * Splits a message at CRLF, bare LF and bare CR, the line endings that the library turns into
     * CRLF. A last line without a line ending is still a line, as SMTP carries only whole lines.
     */
    static List<byte[]> split(byte[] message) {
        List<byte[]> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int i = 0;
        while (i < message.length) {
            byte b = message[i++];
            if (b == '\n' || b == '\r') {
                if (b == '\r' && i < message.length && message[i] == '\n') {
                    i++;
                }
                lines.add(line.toByteArray());
                line.reset();
            } else {
                line.write(b);
            }
        }
        if (line.size() > 0) {
            lines.add(line.toByteArray());
        }
        return lines;
    }

    /** Splits a file with LF line endings, as Postfix writes Maildir files. */
    static List<byte[]> splitLf(byte[] file) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < file.length; i++) {
            if (file[i] == '\n') {
                lines.add(Arrays.copyOfRange(file, start, i));
                start = i + 1;
            }
        }
        if (start < file.length) {
            lines.add(Arrays.copyOfRange(file, start, file.length));
        }
        return lines;
    }

    /**
     * Returns the field name of a header line in lower case, or null when the line is no field.
     * RFC 5322 §2.2: the name is printable US-ASCII except the colon; blanks between the name and
     * the colon are the obsolete syntax of RFC 5322 §4.5.3.
     */
    static @Nullable String fieldName(byte[] line) {
        int end = nameEnd(line);
        if (end <= 0) {
            return null;
        }
        int colon = end;
        while (colon < line.length && (line[colon] == ' ' || line[colon] == '\t')) {
            colon++;
        }
        if (colon >= line.length || line[colon] != ':') {
            return null;
        }
        return new String(line, 0, end, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }

    /** Returns the index of the colon of a header line, or -1 when the line is no field. */
    static int colon(byte[] line) {
        if (fieldName(line) == null) {
            return -1;
        }
        int colon = nameEnd(line);
        while (line[colon] != ':') {
            colon++;
        }
        return colon;
    }

    static boolean isContinuation(byte[] line) {
        return line.length > 0 && (line[0] == ' ' || line[0] == '\t');
    }

    static boolean startsWith(byte[] line, String prefix) {
        if (line.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // The end of the run of printable ASCII characters other than the colon at the line's start.
    private static int nameEnd(byte[] line) {
        int end = 0;
        while (end < line.length && line[end] >= 33 && line[end] <= 126 && line[end] != ':') {
            end++;
        }
        return end;
    }
}

package io.github.directdelivery.internal.prepare;

import io.github.directdelivery.InvalidMessageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The header section of a message as read from its source: the fields, each with its folded
 * continuation lines, and where the body starts in the raw bytes.
 *
 * <p>The section ends at the first empty line, which is consumed, or at the first line that is
 * neither a field nor a continuation, which is left to the body: malformed messages pass through
 * and the receiving server judges them.
 */
final class HeaderSection {

    /** The largest header section read into memory. */
    static final int MAX_BYTES = 1024 * 1024;

    final List<Field> fields;
    final boolean endsWithEmptyLine;
    final boolean endsAtText;
    final long bodyOffset;

    /** A header field: its name and its raw lines without line endings. */
    record Field(String name, List<byte[]> lines) {
        boolean is(String fieldName) {
            return name.equalsIgnoreCase(fieldName);
        }
    }

    private HeaderSection(List<Field> fields, boolean endsWithEmptyLine, boolean endsAtText, long bodyOffset) {
        this.fields = fields;
        this.endsWithEmptyLine = endsWithEmptyLine;
        this.endsAtText = endsAtText;
        this.bodyOffset = bodyOffset;
    }

    static HeaderSection read(InputStream raw) throws IOException {
        LineReader reader = new LineReader(raw);
        List<Field> fields = new ArrayList<>();
        boolean endsWithEmptyLine = false;
        boolean endsAtText = false;
        long bodyOffset = 0;

        byte @Nullable [] line = reader.readLine();
        // A leading "From " line is an mbox separator, not part of the message; "From  : x" is a
        // From field with blanks before the colon (RFC 5322 §4.5.3) and stays.
        if (line != null && startsWith(line, "From ") && fieldName(line) == null) {
            bodyOffset = reader.consumed();
            line = reader.readLine();
        }
        while (line != null) {
            if (line.length == 0) {
                endsWithEmptyLine = true;
                bodyOffset = reader.consumed();
                break;
            }
            boolean continuation = line[0] == ' ' || line[0] == '\t';
            if (continuation && !fields.isEmpty()) {
                fields.get(fields.size() - 1).lines.add(line);
            } else {
                String name = fieldName(line);
                if (name == null) {
                    endsAtText = true;
                    break;
                }
                List<byte[]> lines = new ArrayList<>();
                lines.add(line);
                fields.add(new Field(name, lines));
            }
            bodyOffset = reader.consumed();
            if (bodyOffset > MAX_BYTES) {
                throw new InvalidMessageException(
                        "The header section is larger than " + MAX_BYTES + " bytes; no mail system accepts that");
            }
            line = reader.readLine();
        }
        return new HeaderSection(fields, endsWithEmptyLine, endsAtText, bodyOffset);
    }

    /** Returns whether the message has no bytes beyond a possible mbox separator. */
    boolean isEmpty() {
        return fields.isEmpty() && !endsWithEmptyLine && !endsAtText;
    }

    boolean has(String fieldName) {
        return fields.stream().anyMatch(field -> field.is(fieldName));
    }

    // RFC 5322 §2.2: a field name is printable US-ASCII except the colon. Blanks before the colon
    // (RFC 5322 §4.5.3, obsolete syntax) are accepted and trimmed from the name.
    private static @Nullable String fieldName(byte[] line) {
        int colon = -1;
        for (int i = 0; i < line.length; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            return null;
        }
        int end = colon;
        while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        if (end == 0) {
            return null;
        }
        for (int i = 0; i < end; i++) {
            if (line[i] < 33 || line[i] > 126) {
                return null;
            }
        }
        return new String(line, 0, end, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] line, String prefix) {
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

    /** Reads lines ended by CRLF, bare LF or bare CR, and counts the raw bytes consumed. */
    private static final class LineReader {
        private final PushbackInputStream in;
        private long consumed;

        LineReader(InputStream in) {
            this.in = new PushbackInputStream(in, 1);
        }

        long consumed() {
            return consumed;
        }

        byte @Nullable [] readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b = in.read();
            if (b < 0) {
                return null;
            }
            while (b >= 0) {
                consumed++;
                if (b == '\n') {
                    break;
                }
                if (b == '\r') {
                    int next = in.read();
                    if (next == '\n') {
                        consumed++;
                    } else if (next >= 0) {
                        in.unread(next);
                    }
                    break;
                }
                line.write(b);
                if (line.size() > MAX_BYTES) {
                    throw new InvalidMessageException(
                            "The header section is larger than " + MAX_BYTES + " bytes; no mail system accepts that");
                }
                b = in.read();
            }
            return line.toByteArray();
        }
    }
}

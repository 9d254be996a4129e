package io.github.directdelivery.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a message file should look like when it arrives in a Maildir: the file's lines with the
 * library's changes and then Postfix's applied, each change recorded as a {@link Difference}. The
 * Message-ID and Date that the library generates are matched by pattern, because they hold the
 * time and random bytes. Every other line must arrive byte for byte.
 */
final class ExpectedMessage {

    // RFC 5322 §3.3 date-time as the library writes it, such as "Fri, 4 Dec 2026 21:18:46 +0000".
    private static final Pattern GENERATED_DATE = Pattern.compile(
            "Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                    + " \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}");

    /** One expected line: exact bytes, or a pattern for a generated field. */
    private static final class Line {
        private final byte @Nullable [] bytes;
        private final @Nullable Pattern pattern;

        Line(byte @Nullable [] bytes, @Nullable Pattern pattern) {
            this.bytes = bytes;
            this.pattern = pattern;
        }

        byte @Nullable [] bytes() {
            return bytes;
        }

        static Line of(byte[] bytes) {
            return new Line(bytes, null);
        }

        boolean matches(byte[] actual) {
            if (pattern != null) {
                return pattern.matcher(new String(actual, StandardCharsets.ISO_8859_1))
                        .matches();
            }
            return Arrays.equals(bytes, actual);
        }

        boolean isField() {
            return pattern != null || (bytes != null && Lines.fieldName(bytes) != null);
        }

        @Override
        public String toString() {
            return pattern != null ? "/" + pattern.pattern() + "/" : Text.quote(bytes);
        }
    }

    private final List<Line> lines;
    private final EnumSet<Difference> differences;

    private ExpectedMessage(List<Line> lines, EnumSet<Difference> differences) {
        this.lines = lines;
        this.differences = differences;
    }

    /** The SMTP command that carried the message content, which changes what Postfix does to it. */
    enum ContentCommand {
        /** DATA, with dot-stuffing (RFC 5321 §4.1.1.4). */
        DATA,
        /** BDAT, which the library uses when the server offers CHUNKING (RFC 3030). */
        BDAT
    }

    /**
     * Computes the arrival expected for {@code sent}, sent by a client whose HELO name is
     * {@code heloName} (the domain of generated Message-IDs) with {@code command}.
     */
    static ExpectedMessage of(byte[] sent, String heloName, ContentCommand command) {
        EnumSet<Difference> differences = EnumSet.noneOf(Difference.class);
        List<Line> prepared = prepareAsTheLibraryDoes(Lines.split(sent), heloName, differences);
        List<Line> stored = cleanUpAsPostfixDoes(prepared, command, differences);
        return new ExpectedMessage(stored, differences);
    }

    /** Returns the differences that the file and its arrival should show. */
    Set<Difference> differences() {
        return EnumSet.copyOf(differences);
    }

    /**
     * Compares the message part of an arrival, the Maildir file without the fields that Postfix
     * prepends, with the expectation.
     *
     * @return a description of the first mismatch, or empty when the arrival is as expected
     */
    Optional<String> mismatch(List<byte[]> arrived) {
        int common = Math.min(lines.size(), arrived.size());
        for (int i = 0; i < common; i++) {
            if (!lines.get(i).matches(arrived.get(i))) {
                return Optional.of("line " + (i + 1) + " of the message differs: expected " + lines.get(i)
                        + " but arrived " + Text.quote(arrived.get(i)));
            }
        }
        if (lines.size() != arrived.size()) {
            return Optional.of("expected " + lines.size() + " lines but " + arrived.size() + " arrived; first extra: "
                    + (lines.size() > arrived.size()
                            ? "expected " + lines.get(common)
                            : "arrived " + Text.quote(arrived.get(common))));
        }
        return Optional.empty();
    }

    /**
     * Applies what the library changes before sending: it drops a leading mbox {@code From } line, removes Bcc and
     * Resent-Bcc, and adds Message-ID and Date after the last header field when the header section
     * lacks them. The header section ends at the first empty line or at the first line that is
     * neither a field nor a continuation line.
     */
    private static List<Line> prepareAsTheLibraryDoes(List<byte[]> lines, String heloName, Set<Difference> applied) {
        int index = 0;
        if (!lines.isEmpty() && Lines.startsWith(lines.get(0), "From ") && Lines.fieldName(lines.get(0)) == null) {
            applied.add(Difference.MBOX_LINE_DROPPED);
            index = 1;
        }

        List<List<byte[]>> fields = new ArrayList<>();
        boolean endsWithEmptyLine = false;
        while (index < lines.size()) {
            byte[] line = lines.get(index);
            if (line.length == 0) {
                endsWithEmptyLine = true;
                index++;
                break;
            }
            if (Lines.isContinuation(line) && !fields.isEmpty()) {
                fields.get(fields.size() - 1).add(line);
            } else if (Lines.fieldName(line) != null) {
                fields.add(new ArrayList<>(List.of(line)));
            } else {
                break;
            }
            index++;
        }

        List<Line> prepared = new ArrayList<>();
        boolean hasMessageId = false;
        boolean hasDate = false;
        for (List<byte[]> field : fields) {
            String name = Lines.fieldName(field.get(0));
            hasMessageId |= "message-id".equals(name);
            hasDate |= "date".equals(name);
            if ("bcc".equals(name) || "resent-bcc".equals(name)) {
                applied.add(Difference.BCC_REMOVED);
                continue;
            }
            field.forEach(line -> prepared.add(Line.of(line)));
        }
        if (!hasMessageId) {
            applied.add(Difference.MESSAGE_ID_ADDED);
            prepared.add(new Line(
                    null, Pattern.compile("Message-ID: <\\d+\\.[0-9a-f]{32}@" + Pattern.quote(heloName) + ">")));
        }
        if (!hasDate) {
            applied.add(Difference.DATE_ADDED);
            prepared.add(new Line(null, GENERATED_DATE));
        }
        if (endsWithEmptyLine || fields.isEmpty()) {
            prepared.add(Line.of(new byte[0]));
        }
        lines.subList(index, lines.size()).forEach(line -> prepared.add(Line.of(line)));
        return prepared;
    }

    /**
     * Applies what Postfix 3.7 changes, as observed with the peers' configuration: after DATA, but not after BDAT, a
     * first line that starts with {@code From } becomes an {@code X-Mailbox-Line} field. Blanks
     * between a field name and its colon are removed, and the first line of the header section
     * that is neither a field nor a continuation of one ends it, after an inserted empty line.
     */
    private static List<Line> cleanUpAsPostfixDoes(
            List<Line> prepared, ContentCommand command, Set<Difference> applied) {
        List<Line> stored = new ArrayList<>();
        boolean inHeader = true;
        boolean afterField = false;
        for (int i = 0; i < prepared.size(); i++) {
            Line line = prepared.get(i);
            byte[] bytes = line.bytes();
            if (!inHeader) {
                stored.add(line);
                continue;
            }
            if (bytes == null) {
                // A field that the library generated.
                stored.add(line);
                afterField = true;
                continue;
            }
            if (i == 0 && command == ContentCommand.DATA && Lines.startsWith(bytes, "From ")) {
                applied.add(Difference.MAILBOX_LINE_FIELD);
                stored.add(Line.of(concat("X-Mailbox-Line: ".getBytes(StandardCharsets.US_ASCII), bytes)));
                afterField = true;
            } else if (bytes.length == 0) {
                stored.add(line);
                inHeader = false;
            } else if (Lines.isContinuation(bytes) && afterField) {
                stored.add(line);
            } else if (line.isField()) {
                stored.add(Line.of(withoutBlanksBeforeColon(bytes, applied)));
                afterField = true;
            } else {
                applied.add(Difference.EMPTY_LINE_INSERTED);
                stored.add(Line.of(new byte[0]));
                stored.add(line);
                inHeader = false;
            }
        }
        return stored;
    }

    private static byte[] withoutBlanksBeforeColon(byte[] field, Set<Difference> applied) {
        int colon = Lines.colon(field);
        int nameEnd = colon;
        while (field[nameEnd - 1] == ' ' || field[nameEnd - 1] == '\t') {
            nameEnd--;
        }
        if (nameEnd == colon) {
            return field;
        }
        applied.add(Difference.BLANKS_BEFORE_COLON_REMOVED);
        return concat(Arrays.copyOfRange(field, 0, nameEnd), Arrays.copyOfRange(field, colon, field.length));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}

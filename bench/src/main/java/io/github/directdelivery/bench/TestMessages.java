package io.github.directdelivery.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The messages that the benchmarks send, shaped like those of Postfix's {@code smtp-source -l}:
 * From, To, Date and Message-Id fields, then a body of 80-octet lines ({@value #LINE_CONTENT}
 * letters and CRLF). Every message has a Message-Id and a Date, so the client adds no field.
 */
public final class TestMessages {

    /** The envelope sender of every benchmark message. */
    public static final String SENDER = "sender@client.bench.test";

    /** The envelope recipient of every benchmark message; its domain's MX is the sink. */
    public static final String RECIPIENT = "rcpt@bench.test";

    /** The recipient's domain. */
    public static final String RECIPIENT_DOMAIN = "bench.test";

    /** The name the clients send in EHLO and HELO. */
    public static final String CLIENT_NAME = "client.bench.test";

    /** Letters per body line, before the CRLF. */
    public static final int LINE_CONTENT = 78;

    private static final byte[] HEADER = ("From: <" + SENDER + ">\r\n"
                    + "To: <" + RECIPIENT + ">\r\n"
                    + "Date: Thu, 1 Jan 2026 00:00:00 +0000\r\n"
                    + "Message-Id: <benchmark@" + CLIENT_NAME + ">\r\n"
                    + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private TestMessages() {}

    /**
     * Returns a message whose body is exactly {@code bodySize} octets, CRLF line endings included.
     *
     * @throws IllegalArgumentException if {@code bodySize} is less than 2, the size of one CRLF
     */
    public static byte[] ofBodySize(int bodySize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER.length + bodySize);
        try {
            write(out, bodySize);
        } catch (IOException e) {
            throw new IllegalStateException("a byte array stream cannot fail", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes a message whose body is exactly {@code bodySize} octets to {@code file}, streaming, so
     * that the message need not fit in memory.
     *
     * @throws IllegalArgumentException if {@code bodySize} is less than 2
     * @throws IOException if the file cannot be written
     */
    public static void writeFile(Path file, long bodySize) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 65536)) {
            write(out, bodySize);
        }
    }

    private static void write(OutputStream out, long bodySize) throws IOException {
        if (bodySize < 2) {
            throw new IllegalArgumentException("the body must have at least 2 octets (one CRLF), not " + bodySize);
        }
        out.write(HEADER);
        byte[] line = new byte[LINE_CONTENT + 2];
        for (int i = 0; i < LINE_CONTENT; i++) {
            line[i] = (byte) ('a' + i % 26);
        }
        line[LINE_CONTENT] = '\r';
        line[LINE_CONTENT + 1] = '\n';
        long left = bodySize;
        while (left > 0) {
            int length = (int) Math.min(line.length, left);
            if (left - length == 1) {
                // One octet cannot be a line of its own, so this line gives it up to the last.
                length--;
            }
            if (length < line.length) {
                // The last line is shorter, so that the body still ends with CRLF.
                out.write(line, 0, length - 2);
                out.write(line, LINE_CONTENT, 2);
            } else {
                out.write(line);
            }
            left -= length;
        }
    }
}

package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.SmtpReply;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads complete SMTP replies (RFC 5321 §4.2) from a stream, whatever the TCP segmentation.
 *
 * <p>A reply is read up to its final line ({@code 250 text} or a bare {@code 250}); continuation
 * lines ({@code 250-text}) must carry the same code. A line may end with CRLF or a bare LF. The
 * enhanced status code (RFC 2034, RFC 3463) is parsed from the start of the text whenever it is
 * present and its class matches the reply code, whether or not the server advertised
 * ENHANCEDSTATUSCODES. Some servers send codes without advertising them, and the text is
 * unambiguous either way.
 *
 * <p>A hostile server cannot exhaust memory: lines are limited to {@value #MAX_LINE_LENGTH} octets
 * and replies to {@value #MAX_LINES} lines. Each reply has one deadline for all of its bytes, so a
 * server that sends one byte at a time still times out. Not thread-safe.
 */
public final class ReplyReader {

    /**
     * The longest reply line accepted, in octets without the line ending. RFC 5321 §4.5.3.1.5 allows
     * 512 including CRLF; real servers exceed it, so the limit is four times that.
     */
    public static final int MAX_LINE_LENGTH = 2048;

    /** The maximum number of lines in one reply; EHLO replies of real servers have about twenty. */
    public static final int MAX_LINES = 100;

    /** Sets the read timeout of the underlying socket, in milliseconds (at least 1). */
    @FunctionalInterface
    public interface ReadTimeout {
        /** Applies {@code millis} to the following reads. */
        void set(int millis) throws IOException;
    }

    private final byte[] buffer = new byte[4096];
    private final byte[] line = new byte[MAX_LINE_LENGTH + 1];
    private final ReadTimeout readTimeout;
    private final Consumer<String> lineListener;
    private InputStream in;
    private int position;
    private int limit;

    /**
     * Creates a reader.
     *
     * @param in the server's byte stream
     * @param readTimeout applies the time left before each blocking read
     * @param lineListener receives each line as read, for the transcript
     */
    public ReplyReader(InputStream in, ReadTimeout readTimeout, Consumer<String> lineListener) {
        this.in = in;
        this.readTimeout = readTimeout;
        this.lineListener = lineListener;
    }

    /**
     * Reads one complete reply.
     *
     * @param timeout the time allowed for the whole reply
     * @throws SocketTimeoutException if the reply is not complete in time
     * @throws EOFException if the server closes the connection before the final line
     * @throws SmtpProtocolException if a line is malformed, too long, or there are too many lines
     * @throws IOException if reading fails
     */
    public SmtpReply read(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> texts = new ArrayList<>();
        int code = 0;
        while (true) {
            int length = readLine(deadline, timeout);
            String text = new String(line, 0, length, StandardCharsets.UTF_8);
            lineListener.accept(text);
            int lineCode = parseCode(text);
            if (code != 0 && lineCode != code) {
                throw new SmtpProtocolException("reply lines have different codes: " + code + " and " + lineCode);
            }
            code = lineCode;
            boolean last = text.length() == 3 || text.charAt(3) == ' ';
            if (!last && text.charAt(3) != '-') {
                throw new SmtpProtocolException("reply line has no space or hyphen after the code: " + quote(text));
            }
            texts.add(text.length() <= 4 ? "" : text.substring(4));
            if (last) {
                return toReply(code, texts);
            }
            if (texts.size() >= MAX_LINES) {
                throw new SmtpProtocolException("reply has more than " + MAX_LINES + " lines");
            }
        }
    }

    /** Returns whether bytes the server sent are waiting in this reader or in the stream. */
    public boolean hasBufferedInput() throws IOException {
        return position < limit || in.available() > 0;
    }

    /** Continues on another stream, such as the same connection after the TLS handshake. */
    public void replaceStream(InputStream replacement) {
        this.in = replacement;
        this.position = 0;
        this.limit = 0;
    }

    private int readLine(long deadline, Duration timeout) throws IOException {
        int length = 0;
        while (true) {
            if (position == limit) {
                fill(deadline, timeout);
            }
            byte b = buffer[position++];
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return length;
            }
            if (length == line.length) {
                throw new SmtpProtocolException("reply line is longer than " + MAX_LINE_LENGTH + " octets");
            }
            line[length++] = b;
        }
    }

    private void fill(long deadline, Duration timeout) throws IOException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new SocketTimeoutException("reply not complete within " + timeout);
        }
        readTimeout.set((int) Math.max(
                1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(remaining).toMillis())));
        int read;
        try {
            read = in.read(buffer);
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("reply not complete within " + timeout);
        }
        if (read < 0) {
            throw new EOFException("connection closed by the server before the end of the reply");
        }
        position = 0;
        limit = read;
    }

    private static int parseCode(String text) throws SmtpProtocolException {
        // RFC 5321 §4.2: a reply code is three digits, the first 2 to 5.
        if (text.length() < 3
                || text.charAt(0) < '2'
                || text.charAt(0) > '5'
                || !isDigit(text.charAt(1))
                || !isDigit(text.charAt(2))) {
            throw new SmtpProtocolException("reply line does not start with a reply code: " + quote(text));
        }
        return Integer.parseInt(text.substring(0, 3));
    }

    private static SmtpReply toReply(int code, List<String> texts) {
        EnhancedStatusCode enhanced = enhancedCode(code, texts.get(0));
        if (enhanced == null) {
            return new SmtpReply(code, null, texts);
        }
        // RFC 2034 §4: every line of the reply starts with the code, so it is removed from each.
        List<String> stripped = new ArrayList<>(texts.size());
        for (String text : texts) {
            stripped.add(enhancedCode(code, text) == null ? text : afterFirstWord(text));
        }
        return new SmtpReply(code, enhanced, stripped);
    }

    private static @Nullable EnhancedStatusCode enhancedCode(int code, String text) {
        int end = text.indexOf(' ');
        String candidate = end < 0 ? text : text.substring(0, end);
        EnhancedStatusCode enhanced = EnhancedStatusCode.parseOrNull(candidate);
        return enhanced != null && enhanced.statusClass() == code / 100 ? enhanced : null;
    }

    private static String afterFirstWord(String text) {
        int end = text.indexOf(' ');
        return end < 0 ? "" : text.substring(end + 1);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return '"' + shown + '"';
    }
}

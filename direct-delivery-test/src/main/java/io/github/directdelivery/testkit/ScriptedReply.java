package io.github.directdelivery.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The reply a {@link ScriptedSmtpServer} sends to one command, and how it is written.
 *
 * <p>The content is either whole reply lines ({@link #of(String...)}, which adds each CRLF) or
 * exact bytes ({@link #raw(String)}). The way it is written can be varied to test a client's
 * reading: after a delay, in pieces with pauses between them, or one byte at a time. Afterwards
 * the server may close the connection or stop reading from it. Each method returns a new
 * instance; instances are immutable.
 *
 * <pre>{@code
 * ScriptedReply.of("250-first line", "250 last line")
 * ScriptedReply.of("451 4.7.1 greylisted").delayedBy(Duration.ofMillis(200))
 * ScriptedReply.of("220 ready").inPieces(Duration.ofMillis(20), 3, 9)   // "220", " ready\r", "\n"
 * ScriptedReply.of("354 go ahead").thenStopReading()
 * ScriptedReply.disconnect()
 * }</pre>
 */
public final class ScriptedReply {

    /** The server's action after writing the reply. */
    enum After {
        CONTINUE,
        DISCONNECT,
        STOP_READING
    }

    private final byte @Nullable [] bytes;
    private final Duration delay;
    private final int[] cuts;
    private final Duration pause;
    private final @Nullable Duration drip;
    private final After after;

    private ScriptedReply(
            byte @Nullable [] bytes, Duration delay, int[] cuts, Duration pause, @Nullable Duration drip, After after) {
        this.bytes = bytes;
        this.delay = delay;
        this.cuts = cuts;
        this.pause = pause;
        this.drip = drip;
        this.after = after;
    }

    /**
     * Returns a reply of whole lines, such as {@code of("250-mx.example.net", "250 SIZE 1000")}.
     * Each line gets a CRLF; lines are encoded in UTF-8.
     *
     * @throws IllegalArgumentException if there is no line, or a line contains CR or LF
     */
    public static ScriptedReply of(String... lines) {
        if (lines.length == 0) {
            throw new IllegalArgumentException("a reply needs at least one line");
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a reply line must not contain CR or LF; use raw(): " + line);
            }
            text.append(line).append("\r\n");
        }
        return raw(text.toString());
    }

    /** Returns a reply of exactly these characters in UTF-8, line endings included. */
    public static ScriptedReply raw(String text) {
        return raw(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a reply of exactly these bytes. */
    public static ScriptedReply raw(byte[] bytes) {
        return new ScriptedReply(bytes.clone(), Duration.ZERO, new int[0], Duration.ZERO, null, After.CONTINUE);
    }

    /** Returns a reply that closes the connection without sending anything. */
    public static ScriptedReply disconnect() {
        return new ScriptedReply(null, Duration.ZERO, new int[0], Duration.ZERO, null, After.DISCONNECT);
    }

    /** Returns this reply, sent after waiting {@code value}. */
    public ScriptedReply delayedBy(Duration value) {
        return new ScriptedReply(bytes, requireNonNegative(value), cuts, pause, drip, after);
    }

    /**
     * Returns this reply, written in pieces: each offset in {@code cutOffsets} (ascending, inside
     * the reply) starts a new piece, and the server flushes and waits {@code pauseBetween} between
     * pieces, so that the client most likely reads them separately.
     *
     * @throws IllegalArgumentException if the offsets are not ascending or not inside the reply
     */
    public ScriptedReply inPieces(Duration pauseBetween, int... cutOffsets) {
        int length = bytes == null ? 0 : bytes.length;
        int previous = 0;
        for (int cut : cutOffsets) {
            if (cut <= previous || cut >= length) {
                throw new IllegalArgumentException("cut offsets must ascend inside the reply of " + length + " bytes: "
                        + Arrays.toString(cutOffsets));
            }
            previous = cut;
        }
        return new ScriptedReply(bytes, delay, cutOffsets.clone(), requireNonNegative(pauseBetween), drip, after);
    }

    /** Returns this reply, written one byte at a time with {@code perByte} between bytes. */
    public ScriptedReply dripping(Duration perByte) {
        return new ScriptedReply(bytes, delay, cuts, pause, requireNonNegative(perByte), after);
    }

    /** Returns this reply, after which the server closes the connection. */
    public ScriptedReply thenDisconnect() {
        return new ScriptedReply(bytes, delay, cuts, pause, drip, After.DISCONNECT);
    }

    /**
     * Returns this reply, after which the server reads nothing more from the connection until the
     * server stops, as if it had hung. A client that keeps writing fills the socket buffers.
     */
    public ScriptedReply thenStopReading() {
        return new ScriptedReply(bytes, delay, cuts, pause, drip, After.STOP_READING);
    }

    /** Returns the reply code from the first three bytes, or -1 if there is none. */
    public int code() {
        if (bytes == null || bytes.length < 3) {
            return -1;
        }
        for (int i = 0; i < 3; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return -1;
            }
        }
        return Integer.parseInt(new String(bytes, 0, 3, StandardCharsets.US_ASCII));
    }

    After after() {
        return after;
    }

    boolean sendsNothing() {
        return bytes == null;
    }

    /** Writes the reply as scripted. */
    void writeTo(OutputStream out) throws IOException, InterruptedException {
        sleep(delay);
        byte[] content = bytes;
        if (content == null) {
            return;
        }
        Duration perByte = drip;
        if (perByte != null) {
            for (int i = 0; i < content.length; i++) {
                out.write(content[i]);
                out.flush();
                if (i < content.length - 1) {
                    sleep(perByte);
                }
            }
            return;
        }
        int start = 0;
        for (int cut : cuts) {
            out.write(content, start, cut - start);
            out.flush();
            sleep(pause);
            start = cut;
        }
        out.write(content, start, content.length - start);
        out.flush();
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    }

    private static Duration requireNonNegative(Duration value) {
        Objects.requireNonNull(value, "duration");
        if (value.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return bytes == null ? "<disconnect>" : new String(bytes, StandardCharsets.UTF_8).strip();
    }
}

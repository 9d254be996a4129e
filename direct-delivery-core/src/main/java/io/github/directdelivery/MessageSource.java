package io.github.directdelivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An RFC 5322 message that can be read more than once.
 *
 * <p>Delivery reads a message more than once: a first pass reads the header section, a second
 * measures the message (size, 8-bit content, the longest line), which the SMTP session needs before
 * it sends MAIL, and each transaction then streams it to a server, once per domain. A message
 * therefore never needs to fit in memory: a {@link #ofPath file}, or a lambda that opens a stream,
 * is read in pieces. Every call to {@link #open()} must return the same bytes; a source that
 * changes between the passes fails the transaction instead of sending a wrong byte count.
 *
 * <p>Line endings may be CRLF, bare LF or bare CR; they are normalised to CRLF on the wire.
 */
@FunctionalInterface
public interface MessageSource {

    /**
     * Opens a new stream positioned at the first byte of the message. The caller closes it.
     *
     * @throws IOException if the message cannot be read
     */
    InputStream open() throws IOException;

    /** Returns a source over a copy of {@code message}, so later changes to the array do not matter. */
    static MessageSource ofBytes(byte[] message) {
        byte[] copy = message.clone();
        return () -> new ByteArrayInputStream(copy);
    }

    /** Returns a source over the UTF-8 encoding of {@code message}. */
    static MessageSource ofString(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return () -> new ByteArrayInputStream(bytes);
    }

    /** Returns a source that reads the file at {@code path} on each pass; the file must not change meanwhile. */
    static MessageSource ofPath(Path path) {
        Objects.requireNonNull(path, "path");
        return () -> Files.newInputStream(path);
    }
}

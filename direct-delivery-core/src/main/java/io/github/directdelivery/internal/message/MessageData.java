package io.github.directdelivery.internal.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The RFC 5322 bytes of a message, as a source that can be opened more than once: the first pass
 * scans it, the second streams it to the server, so the message never has to fit in memory. Each
 * call to {@link #open()} must return the same bytes; the client detects a change in size and
 * abandons the transaction.
 */
@FunctionalInterface
public interface MessageData {

    /**
     * Opens a new stream positioned at the first byte. The caller closes it.
     *
     * @throws IOException if the source cannot be read
     */
    InputStream open() throws IOException;

    /** Returns a source over {@code bytes}, which the caller must no longer modify. */
    static MessageData ofBytes(byte[] bytes) {
        return () -> new ByteArrayInputStream(bytes);
    }

    /** Returns a source that reads the file at {@code path} on each open. */
    static MessageData ofPath(Path path) {
        return () -> Files.newInputStream(path);
    }
}

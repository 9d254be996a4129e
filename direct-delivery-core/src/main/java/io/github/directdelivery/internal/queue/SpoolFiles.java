package io.github.directdelivery.internal.queue;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The few file-system operations the directory spool uses. Durability follows POSIX: data written
 * to a file survives a crash only after {@link SpoolFile#sync()}, and a created, renamed or deleted
 * directory entry only after {@link #syncDirectory(Path)} on its directory. Keeping the spool to
 * these operations lets a test put a file system under it that loses whatever was not synced.
 */
public interface SpoolFiles {

    /** Creates a directory and its missing parents; does nothing if it exists. */
    void createDirectories(Path directory) throws IOException;

    /**
     * Creates a new, empty file for writing.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the file exists
     */
    SpoolFile create(Path file) throws IOException;

    /** Opens an existing file for writing at its end. */
    SpoolFile append(Path file) throws IOException;

    /** Opens a stream over {@code length} bytes of a file from {@code offset}. */
    InputStream read(Path file, long offset, long length) throws IOException;

    /** Returns the size of a file in bytes. */
    long size(Path file) throws IOException;

    /** Cuts a file to {@code size} bytes and syncs it. */
    void truncate(Path file, long size) throws IOException;

    /** Renames a file atomically, replacing {@code target} if it exists. */
    void rename(Path source, Path target) throws IOException;

    /** Makes the directory's entries (files created, renamed or deleted in it) durable. */
    void syncDirectory(Path directory) throws IOException;

    /** Deletes a file if it exists. */
    void delete(Path file) throws IOException;

    /** Returns whether a file exists. */
    boolean exists(Path file) throws IOException;

    /** Returns the files in a directory, in no particular order. */
    List<Path> list(Path directory) throws IOException;

    /**
     * Takes an exclusive lock on a file, creating it if needed, and writes {@code owner} into it.
     *
     * @return the lock, released by closing it; null if another process or another spool in this
     *     process holds it
     */
    @Nullable
    Closeable tryLock(Path file, String owner) throws IOException;

    /** Returns what the current holder of a lock wrote into the file, for an error message; empty if unknown. */
    String lockOwner(Path file);

    /** A file open for writing. */
    interface SpoolFile extends Closeable {

        /** Writes bytes at the end of what was written so far. */
        void write(byte[] bytes, int offset, int length) throws IOException;

        /** Makes everything written so far durable. */
        void sync() throws IOException;
    }
}

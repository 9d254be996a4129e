package io.github.directdelivery.bench.submit;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Checks where the two queues keep their files: on one disk-backed file system, because on a
 * memory file system such as tmpfs fsync costs nothing and the comparison would mean nothing.
 */
final class SpoolFileSystem {

    /** File system types that keep their files in memory only. */
    private static final Set<String> MEMORY_TYPES = Set.of("tmpfs", "ramfs", "devtmpfs");

    private SpoolFileSystem() {}

    /**
     * Returns the type of the file system that contains both directories, such as {@code ext4}.
     *
     * @throws IllegalArgumentException if it keeps files in memory only, or the two directories
     *     are on different file systems
     * @throws IOException if a directory does not exist or cannot be inspected
     */
    static String requireSameDiskBacked(Path spool, Path postfixQueue) throws IOException {
        FileStore spoolStore = Files.getFileStore(spool);
        FileStore queueStore = Files.getFileStore(postfixQueue);
        if (!spoolStore.equals(queueStore)) {
            throw new IllegalArgumentException("the spool " + spool + " is on " + spoolStore + " but Postfix's queue "
                    + postfixQueue + " is on " + queueStore + "; put both on the same file system");
        }
        return requireDiskBacked(spool, spoolStore.type());
    }

    /**
     * Returns {@code type}.
     *
     * @throws IllegalArgumentException if {@code type} keeps files in memory only
     */
    static String requireDiskBacked(Path directory, String type) {
        if (MEMORY_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(directory + " is on " + type + ", where fsync costs nothing;"
                    + " put the spool and Postfix's queue on a disk-backed file system such as ext4");
        }
        return type;
    }
}

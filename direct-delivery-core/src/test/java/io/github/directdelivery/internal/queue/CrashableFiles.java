package io.github.directdelivery.internal.queue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory file system for the spool that can lose power. It keeps, apart from what a reader
 * sees now, what a sync made durable: a file's bytes after {@link SpoolFile#sync()} and a
 * directory's entries after {@link #syncDirectory(Path)}. {@link #crash} returns the file system
 * as it would come back after a power loss: only durable entries, each file with its durable bytes
 * and possibly a random part of what was appended after them, as a torn write leaves it.
 *
 * <p>{@link #failAfter(int)} makes every operation fail from a given point on, as if the process
 * had died there, so the code under test acknowledges nothing after it.
 *
 * <p>Directories are durable as soon as they are created; the model is about the files and file
 * names a submission creates.
 */
public final class CrashableFiles implements SpoolFiles {

    /** A file's contents: what readers see, and the bytes the last sync made durable. */
    private static final class Inode {
        byte[] data = new byte[0];
        byte[] durable = new byte[0];
    }

    private final Map<Path, Map<String, Inode>> current = new HashMap<>();
    private final Map<Path, Map<String, Inode>> durable = new HashMap<>();
    private final Set<Path> locks = new HashSet<>();
    private int operationsLeft = Integer.MAX_VALUE;
    private boolean ignoreDirectorySyncs;
    private boolean ignoreFileSyncs;

    /** Makes the file system fail every operation after {@code operations} more have succeeded. */
    public synchronized CrashableFiles failAfter(int operations) {
        this.operationsLeft = operations;
        return this;
    }

    /** Returns whether the simulated process has died. */
    public synchronized boolean dead() {
        return operationsLeft <= 0;
    }

    /** Makes directory syncs do nothing, as a spool that forgot them would behave. */
    public synchronized CrashableFiles ignoreDirectorySyncs() {
        this.ignoreDirectorySyncs = true;
        return this;
    }

    /** Makes file syncs do nothing, as a spool that forgot them would behave. */
    public synchronized CrashableFiles ignoreFileSyncs() {
        this.ignoreFileSyncs = true;
        return this;
    }

    /**
     * Returns the file system after a power loss: durable directory entries only, each file with
     * its durable bytes plus, when {@code random} chooses to, a part of the bytes appended since.
     */
    public synchronized CrashableFiles crash(RandomGenerator random) {
        CrashableFiles after = new CrashableFiles();
        IdentityHashMap<Inode, Inode> copies = new IdentityHashMap<>();
        for (Map.Entry<Path, Map<String, Inode>> directory : durable.entrySet()) {
            Map<String, Inode> entries = new HashMap<>();
            for (Map.Entry<String, Inode> entry : directory.getValue().entrySet()) {
                entries.put(entry.getKey(), copies.computeIfAbsent(entry.getValue(), inode -> survivor(inode, random)));
            }
            after.current.put(directory.getKey(), entries);
            after.durable.put(directory.getKey(), new HashMap<>(entries));
        }
        return after;
    }

    private static Inode survivor(Inode inode, RandomGenerator random) {
        Inode copy = new Inode();
        byte[] surviving = inode.durable;
        boolean appended = inode.data.length > surviving.length
                && Arrays.equals(inode.data, 0, surviving.length, surviving, 0, surviving.length);
        if (appended && random.nextBoolean()) {
            surviving = Arrays.copyOf(
                    inode.data, surviving.length + random.nextInt(inode.data.length - surviving.length + 1));
        }
        copy.data = surviving.clone();
        copy.durable = surviving.clone();
        return copy;
    }

    /** Returns the names of the files a directory has now. */
    public synchronized List<String> names(Path directory) {
        return new ArrayList<>(current.getOrDefault(directory, Map.of()).keySet());
    }

    /** Returns a file's bytes as a reader sees them now. */
    public synchronized byte[] bytes(Path file) throws IOException {
        return inode(file).data.clone();
    }

    /** Replaces a file's bytes, durably, as damage from outside would. */
    public synchronized void overwrite(Path file, byte[] bytes) throws IOException {
        Inode inode = inode(file);
        inode.data = bytes.clone();
        inode.durable = bytes.clone();
    }

    @Override
    public synchronized void createDirectories(Path directory) throws IOException {
        step();
        current.computeIfAbsent(directory, d -> new HashMap<>());
        durable.computeIfAbsent(directory, d -> new HashMap<>());
    }

    @Override
    public synchronized SpoolFile create(Path file) throws IOException {
        step();
        Map<String, Inode> entries = directory(file);
        String name = file.getFileName().toString();
        if (entries.containsKey(name)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Inode inode = new Inode();
        entries.put(name, inode);
        return new MemoryFile(inode);
    }

    @Override
    public synchronized SpoolFile append(Path file) throws IOException {
        step();
        return new MemoryFile(inode(file));
    }

    @Override
    public synchronized InputStream read(Path file, long offset, long length) throws IOException {
        step();
        byte[] data = inode(file).data;
        int from = (int) Math.min(offset, data.length);
        int to = (int) Math.min(data.length, from + length);
        return new ByteArrayInputStream(Arrays.copyOfRange(data, from, to));
    }

    @Override
    public synchronized long size(Path file) throws IOException {
        step();
        return inode(file).data.length;
    }

    @Override
    public synchronized void truncate(Path file, long size) throws IOException {
        step();
        Inode inode = inode(file);
        inode.data = Arrays.copyOf(inode.data, (int) Math.min(size, inode.data.length));
        inode.durable = inode.data.clone();
    }

    @Override
    public synchronized void rename(Path source, Path target) throws IOException {
        step();
        Inode inode = inode(source);
        directory(source).remove(source.getFileName().toString());
        directory(target).put(target.getFileName().toString(), inode);
    }

    @Override
    public synchronized void syncDirectory(Path directory) throws IOException {
        step();
        if (!ignoreDirectorySyncs) {
            durable.put(directory, new HashMap<>(directory(directory.resolve("any"))));
        }
    }

    @Override
    public synchronized void delete(Path file) throws IOException {
        step();
        directory(file).remove(file.getFileName().toString());
    }

    @Override
    public synchronized boolean exists(Path file) throws IOException {
        step();
        Map<String, Inode> entries = current.get(file.getParent());
        return entries != null && entries.containsKey(file.getFileName().toString());
    }

    @Override
    public synchronized List<Path> list(Path directory) throws IOException {
        step();
        return directory(directory.resolve("any")).keySet().stream()
                .map(directory::resolve)
                .toList();
    }

    @Override
    public synchronized @Nullable Closeable tryLock(Path file, String owner) throws IOException {
        step();
        if (!locks.add(file)) {
            return null;
        }
        return () -> {
            synchronized (CrashableFiles.this) {
                locks.remove(file);
            }
        };
    }

    @Override
    public String lockOwner(Path file) {
        return "";
    }

    private void step() throws IOException {
        if (operationsLeft <= 0) {
            throw new IOException("simulated crash: the process has died");
        }
        if (operationsLeft != Integer.MAX_VALUE) {
            operationsLeft--;
        }
    }

    private Map<String, Inode> directory(Path file) throws IOException {
        Map<String, Inode> entries = current.get(file.getParent());
        if (entries == null) {
            throw new NoSuchFileException(String.valueOf(file.getParent()));
        }
        return entries;
    }

    private Inode inode(Path file) throws IOException {
        Inode inode = directory(file).get(file.getFileName().toString());
        if (inode == null) {
            throw new NoSuchFileException(file.toString());
        }
        return inode;
    }

    /** A file open for writing at its end. */
    private final class MemoryFile implements SpoolFile {

        private final Inode inode;

        MemoryFile(Inode inode) {
            this.inode = inode;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            synchronized (CrashableFiles.this) {
                step();
                ByteArrayOutputStream joined = new ByteArrayOutputStream(inode.data.length + length);
                joined.writeBytes(inode.data);
                joined.write(bytes, offset, length);
                inode.data = joined.toByteArray();
            }
        }

        @Override
        public void sync() throws IOException {
            synchronized (CrashableFiles.this) {
                step();
                if (!ignoreFileSyncs) {
                    inode.durable = inode.data.clone();
                }
            }
        }

        @Override
        public void close() {}
    }
}

package io.github.directdelivery.internal.queue;

import io.github.directdelivery.MessageSource;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.internal.message.CrlfNormalizingInputStream;
import io.github.directdelivery.internal.message.MessageContent;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded spool: one file per message in a directory, in the format {@link SpoolFileReader}
 * describes.
 *
 * <pre>
 * lock          locked while a queue uses the directory; contains the owner's process id
 * tmp/          messages being written; left-overs of a crash are deleted at open
 * messages/     one file per message, named by its queue id
 * quarantine/   files that could not be read, kept for an operator
 * </pre>
 *
 * A message is written to {@code tmp/}, synced, renamed into {@code messages/}, and the directory
 * is synced before {@link #store} returns. Concurrent stores share directory syncs: one sync covers
 * every rename that finished before it started.
 */
public final class DirectorySpool implements Spool {

    private static final Logger log = LoggerFactory.getLogger(DirectorySpool.class);

    private final SpoolFiles files;
    private final Path root;
    private final Path messages;
    private final Path temporary;
    private final Path quarantine;
    private final Closeable lock;
    private final GroupSync directorySync;
    private final Map<QueueId, SpoolFileReader.Prefix> stored = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private DirectorySpool(SpoolFiles files, Path root, Closeable lock) {
        this.files = files;
        this.root = root;
        this.messages = root.resolve("messages");
        this.temporary = root.resolve("tmp");
        this.quarantine = root.resolve("quarantine");
        this.lock = lock;
        this.directorySync = new GroupSync(() -> files.syncDirectory(messages));
    }

    /**
     * Opens the spool in {@code root}, creating the directory if needed, and locks it.
     *
     * @throws SpoolLockedException if another queue, in this or another process, uses the directory
     * @throws IOException if the directory cannot be created or read
     */
    public static DirectorySpool open(Path root, SpoolFiles files) throws IOException {
        files.createDirectories(root);
        Path lockFile = root.resolve("lock");
        Closeable lock =
                files.tryLock(lockFile, "pid " + ProcessHandle.current().pid());
        if (lock == null) {
            String owner = files.lockOwner(lockFile);
            throw new SpoolLockedException("The spool directory " + root + " is in use"
                    + (owner.isEmpty() ? "" : " by " + owner)
                    + ": another queue holds its lock file " + lockFile
                    + ". Only one queue, in one process, may use a spool directory at a time.");
        }
        DirectorySpool spool = new DirectorySpool(files, root, lock);
        try {
            spool.prepareDirectories();
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    private void prepareDirectories() throws IOException {
        files.createDirectories(messages);
        files.createDirectories(temporary);
        files.createDirectories(quarantine);
        files.syncDirectory(root);
        List<Path> leftOvers = files.list(temporary);
        for (Path file : leftOvers) {
            files.delete(file);
        }
        if (!leftOvers.isEmpty()) {
            log.info(
                    "Deleted {} partly written messages in {}; their submit had not returned",
                    leftOvers.size(),
                    temporary);
        }
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public void store(MessageHeader header, MessageContent content) throws IOException {
        checkOpen();
        QueueId id = header.id();
        Path target = messages.resolve(id.value());
        if (stored.containsKey(id) || files.exists(target)) {
            throw new IOException("The spool already contains a message with the queue id " + id);
        }
        Path file = temporary.resolve(id.value());
        byte[] headerBytes = SpoolCodec.encodeHeader(header);
        long size = content.facts().size();
        boolean moved = false;
        try {
            try (ChecksummedWriter out = new ChecksummedWriter(files.create(file))) {
                out.write(SpoolFileReader.MAGIC);
                out.writeInt(headerBytes.length);
                out.write(headerBytes);
                out.writeLong(size);
                long copied = out.copy(content);
                if (copied != size) {
                    throw new IOException("The message source returned " + copied + " bytes when it was stored but "
                            + size + " when it was checked; a MessageSource must return the same bytes on every open");
                }
                out.writeChecksum();
                out.sync();
            }
            files.rename(file, target);
            moved = true;
            directorySync.sync();
        } catch (IOException | RuntimeException e) {
            // Nothing acknowledged: remove what was written, wherever it got to.
            deleteQuietly(moved ? target : file);
            throw e;
        }
        long contentOffset = (long) SpoolFileReader.MAGIC.length + Integer.BYTES + headerBytes.length + Long.BYTES;
        stored.put(id, new SpoolFileReader.Prefix(header, contentOffset, size));
    }

    @Override
    public void append(QueueId id, StateRecord record) throws IOException {
        checkOpen();
        byte[] body = SpoolCodec.encodeRecord(record);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(body.length);
            out.write(body);
            out.writeInt(SpoolFileReader.checksum(body.length, body));
        }
        byte[] framed = bytes.toByteArray();
        try (SpoolFiles.SpoolFile out = files.append(messages.resolve(id.value()))) {
            out.write(framed, 0, framed.length);
            out.sync();
        }
    }

    @Override
    public MessageSource content(QueueId id) {
        SpoolFileReader.Prefix prefix = stored.get(id);
        if (prefix == null) {
            throw new IllegalArgumentException("The spool contains no message with the queue id " + id);
        }
        Path file = messages.resolve(id.value());
        return () -> files.read(file, prefix.contentOffset(), prefix.contentLength());
    }

    @Override
    public void verify(QueueId id) throws IOException {
        checkOpen();
        SpoolFileReader.Prefix prefix = SpoolFileReader.verify(files, messages.resolve(id.value()));
        if (!prefix.header().id().equals(id)) {
            throw new CorruptSpoolFileException(
                    "the file contains the message " + prefix.header().id() + " instead");
        }
    }

    @Override
    public List<StoredMessage> load(QuarantineListener listener) throws IOException {
        checkOpen();
        List<StoredMessage> loaded = new ArrayList<>();
        for (Path file : files.list(messages)) {
            StoredMessage message = load(file, listener);
            if (message != null) {
                loaded.add(message);
            }
        }
        return loaded;
    }

    private @Nullable StoredMessage load(Path file, QuarantineListener listener) throws IOException {
        String name = file.getFileName().toString();
        QueueId id;
        try {
            id = new QueueId(name);
        } catch (IllegalArgumentException e) {
            listener.quarantined(moveAside(file, name), "the file name " + name + " is not a queue id");
            return null;
        }
        SpoolFileReader.Contents contents;
        try {
            contents = SpoolFileReader.read(files, file);
            if (!contents.header().id().equals(id)) {
                throw new CorruptSpoolFileException(
                        "the file contains the message " + contents.header().id() + " instead");
            }
        } catch (CorruptSpoolFileException e) {
            listener.quarantined(moveAside(file, name), e.reason());
            return null;
        }
        if (contents.tornTail() != null) {
            // The last append was cut off by a crash before it was synced, so nothing relied on it.
            log.warn("Dropped {} at the end of the spool file {}, left by a crash", contents.tornTail(), file);
            files.truncate(file, contents.validLength());
        }
        stored.put(
                id, new SpoolFileReader.Prefix(contents.header(), contents.contentOffset(), contents.contentLength()));
        return new StoredMessage(contents.header(), contents.records());
    }

    @Override
    public void delete(QueueId id) throws IOException {
        checkOpen();
        files.delete(messages.resolve(id.value()));
        stored.remove(id);
    }

    @Override
    public String quarantine(QueueId id, String reason) throws IOException {
        checkOpen();
        stored.remove(id);
        return moveAside(messages.resolve(id.value()), id.value());
    }

    @Override
    public int quarantinedCount() {
        try {
            return files.list(quarantine).size();
        } catch (IOException e) {
            log.warn("Cannot count the files in {}", quarantine, e);
            return 0;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.close();
        } catch (IOException e) {
            log.warn("Cannot release the lock of the spool directory {}", root, e);
        }
    }

    private String moveAside(Path file, String name) throws IOException {
        String target = name;
        for (int suffix = 1; files.exists(quarantine.resolve(target)); suffix++) {
            target = name + "-" + suffix;
        }
        files.rename(file, quarantine.resolve(target));
        files.syncDirectory(quarantine);
        return target;
    }

    private void deleteQuietly(Path file) {
        try {
            files.delete(file);
        } catch (IOException e) {
            // The next open deletes a file left in tmp/; one left in messages/ is then delivered.
            log.warn("Cannot delete {} after a failed store: {}", file, e.toString());
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("The spool " + root + " is closed");
        }
    }

    /** Writes a new spool file and keeps the checksum of everything written. */
    private static final class ChecksummedWriter implements Closeable {

        private final SpoolFiles.SpoolFile file;
        private final CRC32C crc = new CRC32C();
        private final byte[] number = new byte[Long.BYTES];

        ChecksummedWriter(SpoolFiles.SpoolFile file) {
            this.file = file;
        }

        void write(byte[] bytes) throws IOException {
            write(bytes, bytes.length);
        }

        void writeInt(int value) throws IOException {
            for (int i = 0; i < Integer.BYTES; i++) {
                number[i] = (byte) (value >>> (24 - 8 * i));
            }
            write(number, Integer.BYTES);
        }

        void writeLong(long value) throws IOException {
            for (int i = 0; i < Long.BYTES; i++) {
                number[i] = (byte) (value >>> (56 - 8 * i));
            }
            write(number, Long.BYTES);
        }

        /** Copies the content with CRLF line endings and returns the number of bytes written. */
        long copy(MessageContent content) throws IOException {
            byte[] buffer = new byte[65536];
            long total = 0;
            try (InputStream in = new CrlfNormalizingInputStream(content.data().open())) {
                int read;
                while ((read = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                    write(buffer, read);
                    total += read;
                }
            }
            return total;
        }

        void writeChecksum() throws IOException {
            int value = (int) crc.getValue();
            for (int i = 0; i < Integer.BYTES; i++) {
                number[i] = (byte) (value >>> (24 - 8 * i));
            }
            file.write(number, 0, Integer.BYTES);
        }

        void sync() throws IOException {
            file.sync();
        }

        private void write(byte[] bytes, int length) throws IOException {
            crc.update(bytes, 0, length);
            file.write(bytes, 0, length);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}

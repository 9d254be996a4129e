package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.internal.queue.NioSpoolFiles;
import io.github.directdelivery.internal.queue.SpoolFiles;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The errors of a spool directory that cannot be used say why. */
class DurableDeliverySpoolPathTest {

    private Path directory;

    @BeforeEach
    void setUp(@TempDir Path temporary) {
        directory = temporary;
    }

    @Test
    void regularFileIsNotADirectory() throws IOException {
        Path file = Files.writeString(directory.resolve("afile"), "not a spool");

        try (QueueFixture fixture = new QueueFixture(file)) {
            DirectDelivery client = fixture.idleClient();

            assertThatThrownBy(() -> fixture.queue(client).build())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage(
                            "Cannot open the spool directory " + file + ": " + file + " exists and is not a directory");
        }
    }

    @Test
    void directoryUnderARegularFileCannotBeCreated() throws IOException {
        Path file = Files.writeString(directory.resolve("afile"), "not a directory");
        Path spool = file.resolve("spool");

        try (QueueFixture fixture = new QueueFixture(spool)) {
            DirectDelivery client = fixture.idleClient();

            assertThatThrownBy(() -> fixture.queue(client).build())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("Cannot open the spool directory " + spool + ": " + spool + ": Not a directory");
        }
    }

    @Test
    void deniedPermissionNamesTheFile() throws IOException {
        Path spool = directory.resolve("read-only");
        Path lock = spool.resolve("lock");

        try (QueueFixture fixture = new QueueFixture(spool)) {
            DirectDelivery client = fixture.idleClient();
            DurableDelivery.Builder builder = fixture.queue(client).files(new LockDeniedFiles(lock));

            assertThatThrownBy(builder::build)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("Cannot open the spool directory " + spool + ": permission denied for " + lock
                            + "; the process needs to create and write files in the directory");
        }
    }

    @Test
    void queueReportsItsSpoolDirectory() throws IOException {
        Path spool = directory.resolve("spool");
        try (QueueFixture fixture = new QueueFixture(spool)) {
            DurableDelivery queue = fixture.start(fixture.queue(fixture.idleClient()));

            assertThat(queue.spoolDirectory()).isEqualTo(spool);
        }
    }

    @Test
    void secondQueueInTheSameProcessIsRejected() throws IOException {
        try (QueueFixture fixture = new QueueFixture(directory)) {
            DirectDelivery client = fixture.idleClient();
            fixture.start(fixture.queue(client));

            assertThatThrownBy(() -> fixture.queue(client).build())
                    .isInstanceOfSatisfying(SpoolInUseException.class, e -> assertThat(e.spoolDirectory())
                            .isEqualTo(directory))
                    .hasMessageContaining("The spool directory " + directory + " is in use");
        }
    }

    /** The spool's real file system, except that opening the lock file is denied, as on a read-only directory. */
    private static final class LockDeniedFiles implements SpoolFiles {

        private final SpoolFiles files = new NioSpoolFiles();
        private final Path lock;

        LockDeniedFiles(Path lock) {
            this.lock = lock;
        }

        @Override
        public @Nullable Closeable tryLock(Path file, String owner) throws IOException {
            if (file.equals(lock)) {
                throw new AccessDeniedException(file.toString());
            }
            return files.tryLock(file, owner);
        }

        @Override
        public void createDirectories(Path path) throws IOException {
            files.createDirectories(path);
        }

        @Override
        public SpoolFile create(Path file) throws IOException {
            return files.create(file);
        }

        @Override
        public SpoolFile append(Path file) throws IOException {
            return files.append(file);
        }

        @Override
        public InputStream read(Path file, long offset, long length) throws IOException {
            return files.read(file, offset, length);
        }

        @Override
        public long size(Path file) throws IOException {
            return files.size(file);
        }

        @Override
        public void truncate(Path file, long size) throws IOException {
            files.truncate(file, size);
        }

        @Override
        public void rename(Path source, Path target) throws IOException {
            files.rename(source, target);
        }

        @Override
        public void syncDirectory(Path path) throws IOException {
            files.syncDirectory(path);
        }

        @Override
        public void delete(Path file) throws IOException {
            files.delete(file);
        }

        @Override
        public boolean exists(Path file) throws IOException {
            return files.exists(file);
        }

        @Override
        public List<Path> list(Path path) throws IOException {
            return files.list(path);
        }

        @Override
        public String lockOwner(Path file) {
            return files.lockOwner(file);
        }
    }
}

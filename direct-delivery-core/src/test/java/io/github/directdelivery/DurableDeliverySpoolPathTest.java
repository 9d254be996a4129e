package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    void readOnlyDirectoryNamesThePermission() throws IOException {
        Path spool = Files.createDirectory(directory.resolve("read-only"));
        Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("r-xr-xr-x"));
        assumeTrue(!Files.isWritable(spool), "the process ignores file permissions, as root does");

        try (QueueFixture fixture = new QueueFixture(spool)) {
            DirectDelivery client = fixture.idleClient();

            assertThatThrownBy(() -> fixture.queue(client).build())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("permission denied for " + spool.resolve("lock"));
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
}

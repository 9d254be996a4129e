package io.github.directdelivery.bench.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolFileSystemTest {

    @Test
    void memoryFileSystemsAreRejected() {
        for (String type : new String[] {"tmpfs", "ramfs", "TMPFS"}) {
            assertThatThrownBy(() -> SpoolFileSystem.requireDiskBacked(Path.of("/spool"), type))
                    .as(type)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("/spool is on " + type + ", where fsync costs nothing");
        }
    }

    @Test
    void diskFileSystemIsAccepted() {
        assertThat(SpoolFileSystem.requireDiskBacked(Path.of("/spool"), "ext4")).isEqualTo("ext4");
    }

    @Test
    void directoriesOnOneFileSystemReturnItsType(@TempDir Path directory) throws IOException {
        Path spool = Files.createDirectory(directory.resolve("spool"));
        Path queue = Files.createDirectory(directory.resolve("queue"));
        String type = Files.getFileStore(directory).type();

        if (type.equals("tmpfs")) {
            assertThatThrownBy(() -> SpoolFileSystem.requireSameDiskBacked(spool, queue))
                    .isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(SpoolFileSystem.requireSameDiskBacked(spool, queue)).isEqualTo(type);
        }
    }

    @Test
    void missingDirectoryIsReported(@TempDir Path directory) {
        assertThatThrownBy(() -> SpoolFileSystem.requireSameDiskBacked(directory, directory.resolve("absent")))
                .isInstanceOf(IOException.class);
    }
}

package io.github.directdelivery.internal.queue;

import static io.github.directdelivery.internal.queue.SpoolSamples.content;
import static io.github.directdelivery.internal.queue.SpoolSamples.decided;
import static io.github.directdelivery.internal.queue.SpoolSamples.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.QueueId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How damage to a spool file is classified: a torn last record is dropped, anything else is corruption. */
class SpoolFileReaderTest {

    private static final Path FILE = Path.of("/spool/messages/m1");
    private static final byte[] MESSAGE = "Subject: hi\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII);

    private CrashableFiles files;
    private byte[] prefix;
    private byte[] withTwoRecords;

    @BeforeEach
    void storeMessageWithTwoRecords() throws IOException {
        files = new CrashableFiles();
        DirectorySpool spool = DirectorySpool.open(Path.of("/spool"), files);
        spool.store(header("m1", "a@example.org", "b@example.org"), content(MESSAGE));
        prefix = files.bytes(FILE);
        spool.append(new QueueId("m1"), decided(0, "a@example.org"));
        spool.append(new QueueId("m1"), decided(1, "b@example.org"));
        withTwoRecords = files.bytes(FILE);
    }

    @Test
    void intactFileHasNoTornTail() throws IOException {
        SpoolFileReader.Contents contents = SpoolFileReader.read(files, FILE);

        assertThat(contents.records()).containsExactly(decided(0, "a@example.org"), decided(1, "b@example.org"));
        assertThat(contents.tornTail()).isNull();
        assertThat(contents.validLength()).isEqualTo(withTwoRecords.length);
        assertThat(Arrays.copyOfRange(withTwoRecords, (int) contents.contentOffset(), (int)
                        (contents.contentOffset() + contents.contentLength())))
                .isEqualTo(MESSAGE);
    }

    @Test
    void lastRecordCutAnywhereIsATornTail() throws IOException {
        for (int length = withTwoRecords.length - 1; length > withTwoRecords.length - recordLength(); length--) {
            files.overwrite(FILE, Arrays.copyOf(withTwoRecords, length));

            SpoolFileReader.Contents contents = SpoolFileReader.read(files, FILE);

            assertThat(contents.records()).as("cut to %d bytes", length).containsExactly(decided(0, "a@example.org"));
            assertThat(contents.tornTail()).isNotNull();
            assertThat(contents.validLength()).isEqualTo(withTwoRecords.length - recordLength());
        }
    }

    @Test
    void zerosAfterTheLastRecordAreATornTail() throws IOException {
        files.overwrite(FILE, Arrays.copyOf(withTwoRecords, withTwoRecords.length + 4096));

        SpoolFileReader.Contents contents = SpoolFileReader.read(files, FILE);

        assertThat(contents.records()).hasSize(2);
        assertThat(contents.tornTail()).isEqualTo("zero bytes after the last record");
    }

    @Test
    void damagedLastRecordIsATornTail() throws IOException {
        byte[] damaged = withTwoRecords.clone();
        damaged[damaged.length - 6] ^= 1;
        files.overwrite(FILE, damaged);

        SpoolFileReader.Contents contents = SpoolFileReader.read(files, FILE);

        assertThat(contents.records()).hasSize(1);
        assertThat(contents.tornTail()).isEqualTo("the last record does not match its checksum");
    }

    @Test
    void damagedRecordBeforeAnotherIsCorruption() throws IOException {
        byte[] damaged = withTwoRecords.clone();
        damaged[prefix.length + 6] ^= 1;
        files.overwrite(FILE, damaged);

        assertThatThrownBy(() -> SpoolFileReader.read(files, FILE))
                .isInstanceOf(CorruptSpoolFileException.class)
                .hasMessage("a state record does not match its checksum");
    }

    @Test
    void impossibleRecordLengthIsCorruption() throws IOException {
        byte[] damaged = withTwoRecords.clone();
        damaged[prefix.length] = (byte) 0x80;
        files.overwrite(FILE, damaged);

        assertThatThrownBy(() -> SpoolFileReader.read(files, FILE))
                .isInstanceOf(CorruptSpoolFileException.class)
                .hasMessageStartingWith("a state record has the impossible length");
    }

    @Test
    void everyDamageToTheMessageIsCorruption() throws IOException {
        for (int at = 0; at < prefix.length; at++) {
            byte[] damaged = withTwoRecords.clone();
            damaged[at] ^= 0x10;
            files.overwrite(FILE, damaged);

            int offset = at;
            assertThatThrownBy(() -> SpoolFileReader.read(files, FILE))
                    .as("byte %d flipped", offset)
                    .isInstanceOf(CorruptSpoolFileException.class);
        }
    }

    @Test
    void everyCutInsideTheMessageIsCorruption() throws IOException {
        for (int length = 0; length < prefix.length; length++) {
            files.overwrite(FILE, Arrays.copyOf(prefix, length));

            int cut = length;
            assertThatThrownBy(() -> SpoolFileReader.read(files, FILE))
                    .as("cut to %d bytes", cut)
                    .isInstanceOf(CorruptSpoolFileException.class);
        }
    }

    private int recordLength() {
        return (withTwoRecords.length - prefix.length) / 2;
    }
}

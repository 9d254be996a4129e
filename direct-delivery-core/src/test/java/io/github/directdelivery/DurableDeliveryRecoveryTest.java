package io.github.directdelivery;

import static io.github.directdelivery.QueueFixture.MESSAGE;
import static io.github.directdelivery.QueueFixture.recipients;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A durable queue started on a spool with damaged or foreign files. */
class DurableDeliveryRecoveryTest {

    private Path spool;
    private QueueFixture fixture;
    private ScriptedSmtpServer server;

    @BeforeEach
    void setUp(@TempDir Path directory) throws IOException {
        spool = directory;
        fixture = new QueueFixture(spool);
        fixture.network.dns().mx("example.org", 10, "mx.example.org");
        server = fixture.network.host("mx.example.org");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void damagedFilesAreQuarantinedAndTheOthersDelivered() throws IOException {
        DirectDelivery client = fixture.client();
        DurableDelivery first = fixture.start(fixture.queue(client));
        QueueId corrupted = submit(first, "corrupted@example.org");
        QueueId truncated = submit(first, "truncated@example.org");
        QueueId torn = submit(first, "torn@example.org");
        first.close();

        flipByteOf(corrupted, "Hello");
        Path truncatedFile = file(truncated);
        byte[] whole = Files.readAllBytes(truncatedFile);
        Files.write(truncatedFile, java.util.Arrays.copyOf(whole, whole.length / 2));
        // A crash during an append can leave part of a record behind; it was never acknowledged.
        Files.write(file(torn), new byte[] {0, 0, 1, 0, 2}, StandardOpenOption.APPEND);

        DurableDelivery second = fixture.start(fixture.queue(client));
        fixture.scheduler.runDue();

        assertThat(recipients(server)).containsExactly("torn@example.org");
        assertThat(fixture.files("quarantine")).containsExactlyInAnyOrder(corrupted.value(), truncated.value());
        assertThat(fixture.listener.events())
                .contains("quarantined " + corrupted + ": the message does not match its checksum")
                .anyMatch(event -> event.startsWith("quarantined " + truncated + ": the file is truncated"));
        assertThat(fixture.files("messages")).isEmpty();
        assertThat(second.stats().quarantinedFiles()).isEqualTo(2);
    }

    @Test
    void corruptionBeforeAttemptIsQuarantined() throws IOException {
        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()));
        QueueId corrupted = submit(queue, "corrupted@example.org");
        submit(queue, "intact@example.org");

        flipByteOf(corrupted, "Hello");
        fixture.scheduler.runDue();

        assertThat(recipients(server)).containsExactly("intact@example.org");
        assertThat(fixture.files("quarantine")).containsExactly(corrupted.value());
        assertThat(queue.stats().quarantinedFiles()).isEqualTo(1);
        assertThat(queue.stats().messages()).isZero();
    }

    @Test
    void foreignFilesAreQuarantinedAndLeftOversRemoved() throws IOException {
        Files.createDirectories(spool.resolve("messages"));
        Files.createDirectories(spool.resolve("tmp"));
        Files.writeString(spool.resolve("messages").resolve("Notes.txt"), "not a message");
        Files.writeString(spool.resolve("tmp").resolve("0194f3c2a1b7-5e0c9a17d2b44f08"), "half written");

        DurableDelivery queue = fixture.start(fixture.queue(fixture.client()));

        assertThat(fixture.files("quarantine")).containsExactly("Notes.txt");
        assertThat(fixture.files("tmp")).isEmpty();
        assertThat(fixture.listener.events())
                .containsExactly("quarantined Notes.txt: the file name Notes.txt is not a queue id");
        assertThat(queue.stats().quarantinedFiles()).isEqualTo(1);
    }

    private QueueId submit(DurableDelivery queue, String recipient) {
        return queue.submit(Envelope.of("sender@example.com", recipient), MessageSource.ofString(MESSAGE));
    }

    private Path file(QueueId id) {
        return spool.resolve("messages").resolve(id.value());
    }

    private void flipByteOf(QueueId id, String text) throws IOException {
        Path path = file(id);
        byte[] bytes = Files.readAllBytes(path);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(text);
        assertThat(at).as("the stored content contains " + text).isPositive();
        bytes[at] ^= 0x20;
        Files.write(path, bytes);
    }
}

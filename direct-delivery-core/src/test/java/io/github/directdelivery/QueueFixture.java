package io.github.directdelivery;

import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ReceivedMessage;
import io.github.directdelivery.testkit.RecordedConnection;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A fake Internet, a manual scheduler and a spool directory for durable queue tests. Queues built
 * here run every delivery on the test's thread when the test moves the scheduler's time.
 */
final class QueueFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    static final String MESSAGE = String.join(
            "\r\n",
            "From: sender@example.com",
            "To: bob@example.org",
            "Subject: queued test",
            "Message-ID: <queued-1@example.com>",
            "Date: Sun, 1 Mar 2026 10:00:00 +0000",
            "",
            "Hello from the queue.",
            "");

    final FakeInternet network;
    final ManualScheduler scheduler = new ManualScheduler(START);
    final RecordingQueueListener listener = new RecordingQueueListener();
    final Path spool;
    private final List<AutoCloseable> resources = new ArrayList<>();

    QueueFixture(Path spool) throws IOException {
        this.network = FakeInternet.start();
        this.spool = spool;
    }

    /** Returns a client aimed at the network, on the scheduler's clock. */
    DirectDelivery client() {
        return client(TestClient.builder(network));
    }

    /**
     * Returns a client for tests that deliver nothing: aimed at the network's DNS server, where no
     * domain is published, so a delivery would stay on loopback all the same.
     */
    DirectDelivery idleClient() {
        return client(DirectDelivery.builder()
                .heloName("client.example.test")
                .dnsServer(network.dnsServer())
                .allowLocalDestinations(true));
    }

    DirectDelivery client(DirectDelivery.Builder builder) {
        DirectDelivery client = builder.clock(scheduler.clock()).build();
        resources.add(client);
        return client;
    }

    /** Returns a queue builder on the spool, the scheduler and the test's thread. */
    DurableDelivery.Builder queue(DirectDelivery client) {
        return DurableDelivery.builder(client, spool)
                .clock(scheduler.clock())
                .scheduler(scheduler)
                .executor(Runnable::run)
                .random(new SplittableRandom(7))
                .listener(listener);
    }

    DurableDelivery start(DurableDelivery.Builder builder) {
        DurableDelivery queue = builder.build();
        // Queues close before the clients they use.
        resources.add(0, queue);
        return queue;
    }

    /** Returns the names of the files in a spool subdirectory. */
    List<String> files(String directory) throws IOException {
        Path path = spool.resolve(directory);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    static List<String> commands(ScriptedSmtpServer server) {
        List<String> commands = new ArrayList<>();
        for (RecordedConnection connection : server.connections()) {
            commands.addAll(connection.commands());
        }
        return commands;
    }

    static long count(ScriptedSmtpServer server, String verb) {
        return commands(server).stream()
                .filter(command -> command.startsWith(verb))
                .count();
    }

    static List<String> recipients(ScriptedSmtpServer server) {
        return server.messages().stream()
                .flatMap(message -> message.recipients().stream())
                .toList();
    }

    static ReceivedMessage only(ScriptedSmtpServer server) {
        List<ReceivedMessage> messages = server.messages();
        if (messages.size() != 1) {
            throw new AssertionError("expected one message, got " + messages);
        }
        return messages.get(0);
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + resource + " failed", e);
            }
        }
        network.close();
    }
}

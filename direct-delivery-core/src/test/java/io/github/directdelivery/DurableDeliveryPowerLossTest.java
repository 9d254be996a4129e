package io.github.directdelivery;

import static io.github.directdelivery.QueueFixture.MESSAGE;
import static io.github.directdelivery.QueueFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.internal.queue.CrashableFiles;
import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Power loss while a queue takes and delivers messages, on a file system that keeps only what was
 * synced: after a restart every acknowledged message is delivered, and no recipient whose
 * delivery was recorded is sent the message again.
 */
class DurableDeliveryPowerLossTest {

    private static final Path SPOOL = Path.of("/spool");

    private FakeInternet network;
    private ScriptedSmtpServer server;

    @BeforeEach
    void setUp() throws IOException {
        network = FakeInternet.start();
        network.dns().mx("example.org", 10, "mx.example.org");
        server = network.host("mx.example.org");
    }

    @AfterEach
    void tearDown() {
        network.close();
    }

    @Test
    void restartAfterPowerLossDeliversEverythingAcknowledgedOnce() {
        for (int seed = 0; seed < 25; seed++) {
            crashOnce(seed);
        }
    }

    private void crashOnce(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ManualScheduler scheduler = new ManualScheduler(START);
        CrashableFiles files = new CrashableFiles();
        Set<String> acknowledged = new HashSet<>();
        Set<String> recorded = new HashSet<>();
        List<String> quarantined = new ArrayList<>();
        QueueListener listener = new QueueListener() {
            @Override
            public void recipientDelivered(QueueId id, RecipientResult result) {
                // Only a process that is still alive has written the record before this event.
                if (!files.dead()) {
                    recorded.add(result.recipient());
                }
            }

            @Override
            public void quarantined(String file, String reason) {
                quarantined.add(file + ": " + reason);
            }
        };

        try (DirectDelivery client =
                TestClient.builder(network).clock(scheduler.clock()).build()) {
            DurableDelivery first = queue(client, scheduler, files, listener);
            files.failAfter(random.nextInt(5, 150));
            for (int i = 0; i < 30 && !files.dead(); i++) {
                String recipient = "s" + seed + "-m" + i + "@example.org";
                try {
                    first.submit(Envelope.of("sender@example.com", recipient), MessageSource.ofString(MESSAGE));
                    acknowledged.add(recipient);
                } catch (UncheckedIOException e) {
                    // The crash came first: not acknowledged.
                }
                if (random.nextBoolean()) {
                    scheduler.runDue();
                }
            }
            first.close();

            DurableDelivery second = queue(client, scheduler, files.crash(random), listener);
            scheduler.runDue();

            Map<String, Integer> copies = copiesByRecipient("s" + seed + "-");
            assertThat(quarantined).as("seed %d: quarantined", seed).isEmpty();
            assertThat(copies.keySet()).as("seed %d: delivered", seed).containsAll(acknowledged);
            for (String recipient : recorded) {
                assertThat(copies.get(recipient))
                        .as("seed %d: copies to %s", seed, recipient)
                        .isEqualTo(1);
            }
            assertThat(second.stats().messages())
                    .as("seed %d: left in the spool", seed)
                    .isZero();
            second.close();
        }
    }

    private static DurableDelivery queue(
            DirectDelivery client, ManualScheduler scheduler, CrashableFiles files, QueueListener listener) {
        return DurableDelivery.builder(client, SPOOL)
                .files(files)
                .clock(scheduler.clock())
                .scheduler(scheduler)
                .executor(Runnable::run)
                .listener(listener)
                .build();
    }

    private Map<String, Integer> copiesByRecipient(String prefix) {
        Map<String, Integer> copies = new HashMap<>();
        server.messages().stream()
                .flatMap(message -> message.recipients().stream())
                .filter(recipient -> recipient.startsWith(prefix))
                .forEach(recipient -> copies.merge(recipient, 1, Integer::sum));
        return copies;
    }
}

package io.github.directdelivery.internal.queue;

import static io.github.directdelivery.internal.queue.SpoolSamples.content;
import static io.github.directdelivery.internal.queue.SpoolSamples.decided;
import static io.github.directdelivery.internal.queue.SpoolSamples.header;
import static io.github.directdelivery.internal.queue.SpoolSamples.message;
import static io.github.directdelivery.internal.queue.SpoolSamples.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.QueueId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Power loss at random points while messages are stored and their state recorded, on a file
 * system that keeps only what was synced: whatever the spool acknowledged must come back intact.
 */
class DirectorySpoolCrashTest {

    private static final Path ROOT = Path.of("/spool");

    @Test
    void nothingAcknowledgedIsLostAtAnyCrashPoint() throws IOException {
        for (int seed = 0; seed < 300; seed++) {
            crashOnce(seed);
        }
    }

    private static void crashOnce(int seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        CrashableFiles files = new CrashableFiles();
        DirectorySpool spool = DirectorySpool.open(ROOT, files);
        files.failAfter(random.nextInt(1, 120));

        Map<QueueId, byte[]> stored = new LinkedHashMap<>();
        Map<QueueId, List<StateRecord>> records = new HashMap<>();
        Map<QueueId, StateRecord> lastTried = new HashMap<>();
        for (int i = 0; !files.dead(); i++) {
            if (stored.isEmpty() || random.nextInt(3) > 0) {
                MessageHeader header = header("m" + i, "bob@example.org");
                byte[] message = message(random, random.nextInt(1, 200));
                try {
                    spool.store(header, content(message));
                    stored.put(header.id(), message);
                    records.put(header.id(), new ArrayList<>());
                } catch (IOException e) {
                    // Not acknowledged: it may or may not survive.
                }
            } else {
                List<QueueId> ids = new ArrayList<>(stored.keySet());
                QueueId id = ids.get(random.nextInt(ids.size()));
                StateRecord record = decided(0, "bob@example.org");
                lastTried.put(id, record);
                try {
                    spool.append(id, record);
                    Objects.requireNonNull(records.get(id)).add(record);
                } catch (IOException e) {
                    // Not acknowledged either.
                }
            }
        }

        CrashableFiles after = files.crash(random);
        DirectorySpool reopened = DirectorySpool.open(ROOT, after);
        List<String> quarantined = new ArrayList<>();
        Map<QueueId, StoredMessage> loaded = new HashMap<>();
        for (StoredMessage message : reopened.load((file, reason) -> quarantined.add(file + ": " + reason))) {
            loaded.put(message.header().id(), message);
        }

        assertThat(quarantined).as("seed %d: quarantined files", seed).isEmpty();
        assertThat(loaded.keySet())
                .as("seed %d: messages after the crash", seed)
                .containsAll(stored.keySet());
        for (Map.Entry<QueueId, byte[]> message : stored.entrySet()) {
            QueueId id = message.getKey();
            assertThat(read(reopened, id))
                    .as("seed %d: content of %s", seed, id)
                    .isEqualTo(message.getValue());
            List<StateRecord> acknowledged = Objects.requireNonNull(records.get(id));
            List<StateRecord> found = Objects.requireNonNull(loaded.get(id)).records();
            // The one append in progress at the crash may have reached the disk whole.
            assertThat(found.size())
                    .as("seed %d: records of %s", seed, id)
                    .isBetween(acknowledged.size(), acknowledged.size() + 1);
            assertThat(found.subList(0, acknowledged.size())).isEqualTo(acknowledged);
            if (found.size() > acknowledged.size()) {
                assertThat(found.get(found.size() - 1)).isEqualTo(lastTried.get(id));
            }
        }
        assertThat(after.names(ROOT.resolve("tmp")))
                .as("seed %d: left-overs", seed)
                .isEmpty();
    }

    @Test
    void spoolWithoutDirectorySyncWouldLoseAcknowledgedMessages() throws IOException {
        CrashableFiles files = new CrashableFiles();
        DirectorySpool spool = DirectorySpool.open(ROOT, files);
        files.ignoreDirectorySyncs();
        spool.store(header("lost", "bob@example.org"), content(message(new SplittableRandom(1), 3)));

        DirectorySpool reopened = DirectorySpool.open(ROOT, files.crash(new SplittableRandom(1)));

        assertThat(reopened.load((file, reason) -> {})).isEmpty();
    }

    @Test
    void spoolWithoutFileSyncWouldLoseContent() throws IOException {
        CrashableFiles files = new CrashableFiles().ignoreFileSyncs();
        DirectorySpool spool = DirectorySpool.open(ROOT, files);
        spool.store(header("empty", "bob@example.org"), content(message(new SplittableRandom(1), 3)));

        List<String> quarantined = new ArrayList<>();
        DirectorySpool reopened = DirectorySpool.open(ROOT, files.crash(new SplittableRandom(1)));

        assertThat(reopened.load((file, reason) -> quarantined.add(file + ": " + reason)))
                .isEmpty();
        assertThat(quarantined).containsExactly("empty: not a spool file of this version: it does not start with DDS1");
    }
}

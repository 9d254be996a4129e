package io.github.directdelivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures {@link DurableDelivery#submit} alone: how long one call takes and how many calls per
 * second a number of threads achieve, with every sync the spool makes. Nothing is delivered: the
 * queue's scheduler is never advanced. Not part of the test suite; run it by hand.
 *
 * <p>Arguments: a spool directory on the disk to measure (it must not exist), the number of
 * messages per run, and thread counts, such as {@code /var/tmp/bench 2000 1 4 16}.
 */
public final class SubmitBenchmark {

    private SubmitBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        int messages = Integer.parseInt(args[1]);
        byte[] message = twoKilobyteMessage();
        System.out.printf(Locale.ROOT, "%d messages of %d bytes per run%n", messages, message.length);
        for (int i = 2; i < args.length; i++) {
            int threads = Integer.parseInt(args[i]);
            run(base.resolve("threads-" + threads), messages, threads, message);
        }
    }

    private static void run(Path spool, int messages, int threads, byte[] message) throws Exception {
        Files.createDirectories(spool.getParent());
        ManualScheduler idle = new ManualScheduler(Instant.now());
        try (DirectDelivery client =
                        DirectDelivery.builder().heloName("bench.example.test").build();
                DurableDelivery queue = DurableDelivery.builder(client, spool)
                        .scheduler(idle)
                        .executor(Runnable::run)
                        .build()) {
            long[] latencies = new long[messages];
            AtomicInteger next = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    int index;
                    while ((index = next.getAndIncrement()) < messages) {
                        long before = System.nanoTime();
                        queue.submit(
                                Envelope.of("sender@example.com", "r" + index + "@example.org"),
                                MessageSource.ofBytes(message));
                        latencies[index] = System.nanoTime() - before;
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            System.out.printf(
                    Locale.ROOT,
                    "%2d threads: %7.0f submits/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    threads,
                    messages / seconds,
                    latencies[messages / 2] / 1e6,
                    latencies[messages * 99 / 100] / 1e6,
                    latencies[messages - 1] / 1e6);
        }
    }

    private static byte[] twoKilobyteMessage() {
        StringBuilder text =
                new StringBuilder("From: sender@example.com\r\nTo: someone@example.org\r\nSubject: benchmark\r\n"
                        + "Message-ID: <bench@example.com>\r\nDate: Sun, 1 Mar 2026 10:00:00 +0000\r\n\r\n");
        while (text.length() < 2048 - 72) {
            text.append("The quick brown fox jumps over the lazy dog, again and again and again.\r\n");
        }
        return text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}

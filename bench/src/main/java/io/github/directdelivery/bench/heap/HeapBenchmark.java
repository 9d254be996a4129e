package io.github.directdelivery.bench.heap;

import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.bench.LoopbackMx;
import io.github.directdelivery.bench.Options;
import io.github.directdelivery.bench.SmtpSink;
import io.github.directdelivery.bench.TestMessages;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends large messages from files and records the heap of this JVM per phase: one 2 KB message
 * (the baseline), one 50 MB message, and ten 5 MB messages at the same time over ten
 * connections. {@code bench/run.sh} starts it with {@code -Xmx64m}, less than the bytes in flight,
 * so the run completes only if the client streams the messages.
 *
 * <p>Options, each {@code --name=value}: {@code large-mb} (default 50), {@code concurrent}
 * (default 10), {@code concurrent-mb} (default 5), {@code smtp-sink}, {@code work-dir} (where the
 * message files and smtp-sink's log go, default bench/target/heap) and {@code out} (the Markdown
 * file to write, default bench/target/heap.md).
 */
public final class HeapBenchmark {

    private static final long MB = 1024 * 1024;

    private HeapBenchmark() {}

    /** One measured phase. */
    private record Phase(String name, long bytesInFlight, HeapMonitor.Usage usage, double seconds) {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(
                args,
                Map.of(
                        "large-mb", "50",
                        "concurrent", "10",
                        "concurrent-mb", "5",
                        "smtp-sink", SmtpSink.DEFAULT_EXECUTABLE.toString(),
                        "work-dir", "bench/target/heap",
                        "out", "bench/target/heap.md"));
        int largeMb = options.positiveInt("large-mb");
        int concurrent = options.positiveInt("concurrent");
        int concurrentMb = options.positiveInt("concurrent-mb");
        Path workDir = Files.createDirectories(Path.of(options.string("work-dir")));
        Path small = workDir.resolve("small.eml");
        Path large = workDir.resolve("large.eml");
        Path medium = workDir.resolve("medium.eml");
        TestMessages.writeFile(small, 2048);
        TestMessages.writeFile(large, largeMb * MB);
        TestMessages.writeFile(medium, concurrentMb * MB);

        List<Phase> phases = new ArrayList<>();
        try (LoopbackMx mx = LoopbackMx.start(Path.of(options.string("smtp-sink")), workDir.resolve("smtp-sink.log"));
                DirectDelivery client =
                        mx.clientBuilder().maxConnectionsPerHost(concurrent).build()) {
            for (int i = 0; i < 20; i++) {
                send(client, small);
            }
            phases.add(measure("one 2 KB message", Files.size(small), () -> send(client, small)));
            phases.add(measure("one " + largeMb + " MB message", Files.size(large), () -> send(client, large)));
            phases.add(measure(
                    concurrent + " concurrent " + concurrentMb + " MB messages",
                    concurrent * Files.size(medium),
                    () -> sendConcurrently(client, medium, concurrent)));
        } finally {
            Files.deleteIfExists(large);
            Files.deleteIfExists(medium);
        }
        write(Path.of(options.string("out")), table(phases));
    }

    /** The work of one phase. */
    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static Phase measure(String name, long bytesInFlight, Work work) throws Exception {
        try (HeapMonitor monitor = new HeapMonitor()) {
            long start = System.nanoTime();
            work.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            Phase phase = new Phase(name, bytesInFlight, monitor.usage(), seconds);
            System.out.printf(Locale.ROOT, "%s: %s%n", name, phase.usage());
            return phase;
        }
    }

    private static void send(DirectDelivery client, Path message) {
        DeliveryReport report =
                client.send(Envelope.of(TestMessages.SENDER, TestMessages.RECIPIENT), MessageSource.ofPath(message));
        for (RecipientResult result : report.results()) {
            if (result.status() != DeliveryStatus.DELIVERED) {
                throw new IllegalStateException("the sink did not accept " + message + ": " + result);
            }
        }
    }

    private static void sendConcurrently(DirectDelivery client, Path message, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                sends.add(pool.submit(() -> send(client, message)));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Returns the table. The heap counts as flat when each phase's peak exceeds the first phase's
     * peak by at most a tenth of the bytes that phase had in flight.
     */
    private static String table(List<Phase> phases) {
        long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        long baseline = phases.get(0).usage().peakUsed();
        StringBuilder table = new StringBuilder(String.format(
                Locale.ROOT,
                "### Heap (maximum heap %s)%n%n"
                        + "| phase | bytes in flight | heap at start | peak heap used | max heap after GC | GCs |"
                        + " peak over the first phase | seconds |%n"
                        + "|---|---:|---:|---:|---:|---:|---|---:|%n",
                size(maxHeap)));
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            HeapMonitor.Usage usage = phase.usage();
            long growth = usage.peakUsed() - baseline;
            String verdict = i == 0
                    ? "baseline"
                    : size(growth) + (growth <= phase.bytesInFlight() / 10 ? " (flat)" : " (grows)");
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %d | %s | %.1f |%n",
                    phase.name(),
                    size(phase.bytesInFlight()),
                    size(usage.startUsed()),
                    size(usage.peakUsed()),
                    usage.maxAfterGc() < 0 ? "no GC" : size(usage.maxAfterGc()),
                    usage.collections(),
                    verdict,
                    phase.seconds()));
        }
        return table.toString();
    }

    private static String size(long bytes) {
        if (Math.abs(bytes) < MB) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
    }

    private static void write(Path out, String markdown) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
    }
}

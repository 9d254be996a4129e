package io.github.directdelivery.bench.submit;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.bench.Options;
import io.github.directdelivery.bench.SmtpSink;
import io.github.directdelivery.bench.TestMessages;
import io.github.directdelivery.testkit.DnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares DirectDelivery's durable submit path with Postfix's queue end to end. Both take the
 * same number of 2 KB messages from the same number of concurrent submitters and deliver them to
 * the same counting {@code smtp-sink}; a run ends when the sink has every message. The Postfix
 * instance must already run (bench/run.sh starts it) with its smtpd on {@code --postfix} and its
 * transport to bench.test aimed at {@code --sink}; this program starts the sink there, and the
 * library finds it through the test kit's DNS server ({@code bench.test MX 10 mx.bench.test}).
 * Prints the progress and writes the result as Markdown.
 *
 * <p>Options, each {@code --name=value}:
 *
 * <ul>
 *   <li>{@code messages}: messages per run (default 2000)
 *   <li>{@code sessions}: concurrent submitters: smtp-source sessions, and threads calling
 *       {@code submit} (default 8)
 *   <li>{@code warm-up-runs}: untimed runs of each contender, for the JIT (default 1)
 *   <li>{@code rounds}: timed rounds after the warm-up (default 5)
 *   <li>{@code postfix}: the Postfix instance's smtpd, a loopback address and port (default 127.0.2.1:10025)
 *   <li>{@code sink}: where smtp-sink listens, a loopback address and port (default 127.0.1.2:10026)
 *   <li>{@code spool-dir}: DirectDelivery's spool directory, on the file system of Postfix's queue
 *   <li>{@code postfix-queue-dir}: the Postfix instance's queue directory
 *   <li>{@code timeout-seconds}: how long one run may take before the benchmark fails (default 600)
 *   <li>{@code smtp-sink}, {@code smtp-source}: the Postfix programs (default in /usr/sbin)
 *   <li>{@code out}: the Markdown file to write (default bench/target/submit.md)
 * </ul>
 */
public final class SubmitBenchmark {

    /** The body size of every message, as in the throughput benchmark's small workload. */
    static final int BODY_SIZE = 2048;

    private static final String MX_HOST = "mx." + TestMessages.RECIPIENT_DOMAIN;

    private SubmitBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(
                args,
                Map.ofEntries(
                        Map.entry("messages", "2000"),
                        Map.entry("sessions", "8"),
                        Map.entry("warm-up-runs", "1"),
                        Map.entry("rounds", "5"),
                        Map.entry("postfix", "127.0.2.1:10025"),
                        Map.entry("sink", "127.0.1.2:10026"),
                        Map.entry("spool-dir", "/var/tmp/direct-delivery-bench-submit/spool"),
                        Map.entry("postfix-queue-dir", "/var/tmp/direct-delivery-bench-submit/postfix-queue"),
                        Map.entry("timeout-seconds", "600"),
                        Map.entry("smtp-sink", SmtpSink.DEFAULT_EXECUTABLE.toString()),
                        Map.entry("smtp-source", PostfixQueueContender.DEFAULT_SMTP_SOURCE.toString()),
                        Map.entry("out", "bench/target/submit.md")));
        int messages = options.positiveInt("messages");
        int sessions = options.positiveInt("sessions");
        int warmUpRuns = options.nonNegativeInt("warm-up-runs");
        int rounds = options.positiveInt("rounds");
        Duration timeout = Duration.ofSeconds(options.positiveInt("timeout-seconds"));
        InetSocketAddress postfix = loopbackAddress(options.string("postfix"), "postfix");
        InetSocketAddress sinkAddress = loopbackAddress(options.string("sink"), "sink");
        Path spool = Path.of(options.string("spool-dir"));
        Files.createDirectories(spool);
        String fileSystem = SpoolFileSystem.requireSameDiskBacked(spool, Path.of(options.string("postfix-queue-dir")));

        Map<String, List<Double>> rates;
        String libraryName;
        String postfixName;
        try (CountingSmtpSink sink = CountingSmtpSink.start(Path.of(options.string("smtp-sink")), sinkAddress);
                DnsServer dns = DnsServer.start()) {
            dns.mx(TestMessages.RECIPIENT_DOMAIN, 10, MX_HOST)
                    .a(MX_HOST, sinkAddress.getAddress().getHostAddress());
            System.out.printf(
                    Locale.ROOT,
                    "smtp-sink counts on %s; Postfix's smtpd on %s; spool %s on %s%n",
                    hostAndPort(sinkAddress),
                    hostAndPort(postfix),
                    spool,
                    fileSystem);
            DirectDelivery.Builder client = DirectDelivery.builder()
                    .heloName(TestMessages.CLIENT_NAME)
                    .dnsServer(dns.address())
                    .smtpPort(sinkAddress.getPort())
                    .allowLocalDestinations(true);
            try (SubmitContender library = DurableSubmitContender.open(client, spool, sink, BODY_SIZE, timeout);
                    SubmitContender queue = new PostfixQueueContender(
                            Path.of(options.string("smtp-source")), postfix, sink, BODY_SIZE, timeout)) {
                libraryName = library.name();
                postfixName = queue.name();
                System.out.printf(
                        Locale.ROOT,
                        "== %d messages of 2 KB from %d sessions, %d warm-up runs and %d rounds%n",
                        messages,
                        sessions,
                        warmUpRuns,
                        rounds);
                rates = new AlternatingRounds(List.of(library, queue), warmUpRuns, rounds, System.out)
                        .measure(messages, sessions);
            }
        }
        SubmitTable table = new SubmitTable(libraryName, postfixName, rates);
        String setup = String.format(
                Locale.ROOT,
                "%d messages of 2 KB per run from %d concurrent submitters, median of %d rounds; both queues on"
                        + " %s.%n%n",
                messages,
                sessions,
                rounds,
                fileSystem);
        write(Path.of(options.string("out")), setup, table);
    }

    /**
     * Parses {@code host:port} into a loopback socket address.
     *
     * @throws IllegalArgumentException if it is not an IP address and port, or not on loopback
     */
    static InetSocketAddress loopbackAddress(String value, String option) throws IOException {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--" + option + " must be ADDRESS:PORT, not \"" + value + "\"");
        }
        String host = value.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " has no valid port: \"" + value + "\"", e);
        }
        if (port < 1 || port > 65535 || !host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]")) {
            throw new IllegalArgumentException(
                    "--" + option + " must be an IP address and a port from 1 to 65535, not \"" + value + "\"");
        }
        InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("--" + option
                    + " must be a loopback address, because the benchmark stays on this machine, not " + value);
        }
        return new InetSocketAddress(address, port);
    }

    private static String hostAndPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private static void write(Path out, String setup, SubmitTable table) throws IOException {
        String markdown = "### Durable submit (median of the rounds)\n\n" + setup + table.summary()
                + "\n<details><summary>Every round</summary>\n\n" + table.rounds() + "\n</details>\n";
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(table.summary());
    }
}

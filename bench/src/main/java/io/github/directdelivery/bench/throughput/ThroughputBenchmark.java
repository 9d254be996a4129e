package io.github.directdelivery.bench.throughput;

import io.github.directdelivery.bench.LoopbackMx;
import io.github.directdelivery.bench.Options;
import io.github.directdelivery.bench.SmtpSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Compares end-to-end throughput: DirectDelivery, Postfix's smtp-source and Angus Mail's
 * SMTPTransport send the same number of messages of the same size to the same loopback
 * smtp-sink, over one and over eight connections, in interleaved rounds. Prints the progress and
 * writes the result tables as Markdown.
 *
 * <p>Options, each {@code --name=value}:
 *
 * <ul>
 *   <li>{@code small-messages}: messages per run with a 2 KB body (default 10000)
 *   <li>{@code large-messages}: messages per run with a 100 KB body (default 1000)
 *   <li>{@code warm-up-runs}: untimed runs of each contender per workload, for the JIT (default 2)
 *   <li>{@code rounds}: timed rounds per workload after the warm-up (default 9)
 *   <li>{@code connections}: the connection count of the concurrent workloads (default 8)
 *   <li>{@code smtp-sink}, {@code smtp-source}: the Postfix programs (default in /usr/sbin)
 *   <li>{@code out}: the Markdown file to write (default bench/target/throughput.md)
 *   <li>{@code work-dir}: where smtp-sink's log goes (default bench/target)
 * </ul>
 */
public final class ThroughputBenchmark {

    private ThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(
                args,
                Map.of(
                        "small-messages", "10000",
                        "large-messages", "1000",
                        "warm-up-runs", "2",
                        "rounds", "9",
                        "connections", "8",
                        "smtp-sink", SmtpSink.DEFAULT_EXECUTABLE.toString(),
                        "smtp-source", SmtpSourceContender.DEFAULT_EXECUTABLE.toString(),
                        "out", "bench/target/throughput.md",
                        "work-dir", "bench/target"));
        int small = options.positiveInt("small-messages");
        int large = options.positiveInt("large-messages");
        int connections = options.positiveInt("connections");
        List<Workload> workloads = List.of(
                new Workload(2048, small, 1),
                new Workload(2048, small, connections),
                new Workload(102400, large, 1),
                new Workload(102400, large, connections));

        Path workDir = Files.createDirectories(Path.of(options.string("work-dir")));
        ResultTable table = new ResultTable();
        try (LoopbackMx mx = LoopbackMx.start(Path.of(options.string("smtp-sink")), workDir.resolve("smtp-sink.log"))) {
            System.out.println("smtp-sink listens on " + mx.sinkAddress() + "; MX of bench.test points there");
            List<Contender> contenders = List.of(
                    new LibraryContender(mx),
                    new SmtpSourceContender(Path.of(options.string("smtp-source")), mx.sinkAddress()),
                    new AngusContender(mx.sinkAddress()));
            InterleavedRounds rounds = new InterleavedRounds(
                    contenders, options.nonNegativeInt("warm-up-runs"), options.positiveInt("rounds"), System.out);
            for (Workload workload : workloads) {
                table.add(workload, rounds.measure(workload));
            }
        }
        write(Path.of(options.string("out")), table);
    }

    private static void write(Path out, ResultTable table) throws IOException {
        String markdown = "### Throughput (median of the rounds)\n\n" + table.summary()
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

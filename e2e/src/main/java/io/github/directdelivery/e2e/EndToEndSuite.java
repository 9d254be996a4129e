package io.github.directdelivery.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the end-to-end suite against the peers that {@code e2e/peers/start} started: the corpus
 * through the command line and the library, then the scenarios. Prints one line per check and
 * {@code N passed, N failed}, and exits 0 only when every check passed.
 *
 * <p>When the peers, the corpus or the command line jar are missing it prints why and exits 0,
 * skipping the suite, unless the environment variable {@code CI} is {@code true}: then it exits 1.
 */
public final class EndToEndSuite {

    private EndToEndSuite() {}

    /** Runs the suite; see {@link Settings} for the options. */
    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = run(Settings.parse(args, System.getenv()));
        } catch (IllegalArgumentException e) {
            System.out.println("e2e: " + e.getMessage());
            exitCode = 2;
        } catch (Exception e) {
            System.out.println("e2e: the suite stopped with an error: " + e);
            e.printStackTrace(System.out);
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    private static int run(Settings settings) throws Exception {
        List<String> missing = settings.missingInputs();
        if (!missing.isEmpty()) {
            String verdict = settings.ci() ? "FAILED, because CI=true" : "SKIPPED";
            missing.forEach(reason -> System.out.println("e2e: " + verdict + ": " + reason));
            return settings.ci() ? 1 : 0;
        }

        Peers peers = Peers.load(settings.peersEnv());
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Report report = new Report(System.out);
        long started = System.nanoTime();
        Path workDirectory = Files.createTempDirectory("direct-delivery-e2e-");
        try {
            CliProcess cli = new CliProcess(settings.cliJar(), workDirectory);
            int compared = new CorpusDelivery(peers, settings, cli, runId, workDirectory).run(report);
            new Scenarios(peers, runId).run(report);
            new CommandLineScenarios(peers, cli, runId, workDirectory).run(report);

            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            report.note("arrivals compared: " + compared + ", in " + elapsed.toSeconds() + " s");
        } finally {
            deleteTree(workDirectory);
        }
        report.printSummary();
        return report.failed() == 0 ? 0 : 1;
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

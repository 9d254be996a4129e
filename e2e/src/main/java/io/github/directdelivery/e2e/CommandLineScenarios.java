package io.github.directdelivery.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Exit codes and output of the command line jar against the real peers. */
final class CommandLineScenarios {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Peers peers;
    private final CliProcess cli;
    private final String runId;
    private final Path workDirectory;

    CommandLineScenarios(Peers peers, CliProcess cli, String runId, Path workDirectory) {
        this.peers = peers;
        this.cli = cli;
        this.runId = runId;
        this.workDirectory = workDirectory;
    }

    void run(Report report) throws IOException, InterruptedException {
        Path message = Files.writeString(
                workDirectory.resolve("scenario.eml"),
                "From: " + CorpusDelivery.SENDER + "\r\nSubject: Command line scenario\r\n\r\nHello.\r\n",
                StandardCharsets.US_ASCII);
        String deliver = peers.domain("DELIVER");

        CliProcess.Result rejected = send(message, "cli-ok-" + runId + "@" + deliver, "rejected@" + deliver);
        report.check(
                "command line: send with a rejected recipient",
                expectStatuses(rejected, 69, "DELIVERED", "FAILED"),
                "exit 69, JSON statuses DELIVERED and FAILED");

        CliProcess.Result deferred = send(message, "deferred@" + deliver);
        report.check(
                "command line: send with a deferred recipient",
                expectStatuses(deferred, 75, "DEFERRED"),
                "exit 75, JSON status DEFERRED");

        CliProcess.Result route = mx(peers.domain("BACKUP_MX"));
        List<String> expectedRoute = List.of(
                peers.domain("BACKUP_MX") + ": 2 MX hosts, tried in this order",
                "  10 mx-dead.e2e.test 127.0.0.9",
                "  20 mx2.e2e.test 127.0.0.3");
        report.check(
                "command line: mx of a domain with two MX hosts",
                route.exitCode() == 0 && route.out().lines().toList().equals(expectedRoute)
                        ? null
                        : "exit " + route.exitCode() + ", output " + route.out() + route.err(),
                "exit 0, both hosts in preference order with their addresses");

        CliProcess.Result nullMx = mx(peers.domain("NULL_MX"));
        report.check(
                "command line: mx of a null MX domain",
                nullMx.exitCode() == 69 && nullMx.out().startsWith(peers.domain("NULL_MX") + ": FAILED 5.1.10 ")
                        ? null
                        : "exit " + nullMx.exitCode() + ", output " + nullMx.out() + nullMx.err(),
                "exit 69, FAILED 5.1.10");
    }

    private CliProcess.Result send(Path message, String... recipients) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send", "--from", CorpusDelivery.SENDER));
        for (String recipient : recipients) {
            args.add("--to");
            args.add(recipient);
        }
        args.addAll(List.of(
                "--helo",
                CorpusDelivery.HELO,
                "--dns",
                peers.dnsOption(),
                "--smtp-port",
                String.valueOf(peers.smtpPort()),
                "--allow-local-destinations",
                "--json",
                "-",
                message.toString()));
        return cli.run(args, null);
    }

    private CliProcess.Result mx(String domain) throws IOException, InterruptedException {
        return cli.run(List.of("mx", domain, "--dns", peers.dnsOption(), "--allow-local-destinations"), null);
    }

    private static @Nullable String expectStatuses(CliProcess.Result result, int exitCode, String... statuses)
            throws IOException {
        if (result.exitCode() != exitCode) {
            return "exit " + result.exitCode() + ", expected " + exitCode + ": "
                    + result.err().strip();
        }
        JsonNode recipients = JSON.readTree(result.out()).path("recipients");
        List<String> actual = new ArrayList<>();
        recipients.forEach(recipient -> actual.add(recipient.path("status").asText()));
        return actual.equals(List.of(statuses)) ? null : "JSON statuses " + actual + ": " + result.out();
    }
}

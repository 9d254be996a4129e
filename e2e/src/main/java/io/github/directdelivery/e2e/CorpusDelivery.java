package io.github.directdelivery.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.InvalidMessageException;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.RecipientResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Delivers every message of the corpus twice, once through the command line jar to
 * {@code data.e2e.test} (plain SMTP without CHUNKING, so with DATA) and once through the library
 * API to {@code tls.e2e.test} (STARTTLS and CHUNKING, so with BDAT), then compares each arrival
 * with its file. An empty file must be refused by both.
 */
final class CorpusDelivery {

    static final String SENDER = "sender@client.e2e.test";
    static final String HELO = "client.e2e.test";

    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a copy travels: the MX host that takes it, whether over TLS, and with DATA or BDAT. */
    private enum Way {
        COMMAND_LINE("mx-data.e2e.test", false, ExpectedMessage.ContentCommand.DATA),
        LIBRARY_API("mx-tls.e2e.test", true, ExpectedMessage.ContentCommand.BDAT);

        final String host;
        final boolean tls;
        final ExpectedMessage.ContentCommand command;

        Way(String host, boolean tls, ExpectedMessage.ContentCommand command) {
            this.host = host;
            this.tls = tls;
            this.command = command;
        }
    }

    /** One message file and the outcome of sending it one way. */
    private record Delivery(String path, Path file, String recipient, @Nullable String problem, String refusal) {

        boolean expectsArrival() {
            return problem == null && refusal.isEmpty();
        }
    }

    private final Peers peers;
    private final Settings settings;
    private final CliProcess cli;
    private final String runId;
    private final Path workDirectory;

    CorpusDelivery(Peers peers, Settings settings, CliProcess cli, String runId, Path workDirectory) {
        this.peers = peers;
        this.settings = settings;
        this.cli = cli;
        this.runId = runId;
        this.workDirectory = workDirectory;
    }

    /** Lists the messages: every regular file under {@code mail-fixtures/} but the licence. */
    static List<Path> messages(Path fixtures) throws IOException {
        try (Stream<Path> files = Files.walk(fixtures)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().equals("LICENSE"))
                    .sorted()
                    .toList();
        }
    }

    /** Runs the deliveries and reports one line per message and way; returns the arrivals compared. */
    int run(Report report) throws IOException, InterruptedException {
        List<Path> files = messages(settings.fixtures());
        report.note("corpus: " + files.size() + " messages in " + settings.fixtures());

        List<Delivery> viaCli = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            viaCli.add(sendWithCli(files.get(i), i));
        }
        List<Delivery> viaApi = new ArrayList<>();
        try (DirectDelivery client = client()) {
            for (int i = 0; i < files.size(); i++) {
                viaApi.add(sendWithApi(client, files.get(i), i));
            }
        }

        Set<String> expected = new LinkedHashSet<>();
        Stream.concat(viaCli.stream(), viaApi.stream())
                .filter(Delivery::expectsArrival)
                .forEach(delivery -> expected.add(delivery.recipient()));
        Set<String> all = Stream.concat(viaCli.stream(), viaApi.stream())
                .map(Delivery::recipient)
                .collect(Collectors.toSet());
        Maildir maildir = new Maildir(peers.maildirRoot());
        maildir.await(expected, ARRIVAL_TIMEOUT);
        // All recipients, so that a copy of a refused message would be noticed too.
        Map<String, List<Arrival>> arrivals = maildir.arrivals(all);

        int compared = 0;
        compared += judge(report, "corpus via command line", viaCli, arrivals, Way.COMMAND_LINE);
        compared += judge(report, "corpus via library API", viaApi, arrivals, Way.LIBRARY_API);
        return compared;
    }

    private Delivery sendWithCli(Path file, int index) throws IOException, InterruptedException {
        String path = relative(file);
        String recipient = "cli-" + runId + "-" + index + "@" + peers.domain("DATA");
        Path json = workDirectory.resolve("cli-" + index + ".json");
        // Every second message goes through standard input, the others are named as a file.
        boolean viaStdin = index % 2 == 1;
        List<String> args = new ArrayList<>(List.of(
                "send",
                "--from",
                SENDER,
                "--to",
                recipient,
                "--helo",
                HELO,
                "--dns",
                peers.dnsOption(),
                "--smtp-port",
                String.valueOf(peers.smtpPort()),
                "--allow-local-destinations",
                "--json",
                json.toString(),
                viaStdin ? "-" : file.toString()));
        CliProcess.Result result = cli.run(args, viaStdin ? file : null);

        if (Files.size(file) == 0) {
            String problem = result.exitCode() == 65 && result.err().contains("The message is empty")
                    ? null
                    : "expected exit 65 for an empty message, got " + result.exitCode() + ": "
                            + result.err().strip();
            return new Delivery(
                    path, file, recipient, problem, "exit 65: " + result.err().strip());
        }
        if (result.exitCode() != 0) {
            return new Delivery(
                    path, file, recipient, "exit " + result.exitCode() + ": " + result.out() + result.err(), "");
        }
        JsonNode outcome = JSON.readTree(json.toFile()).at("/recipients/0");
        String problem = "DELIVERED".equals(outcome.path("status").asText())
                        && Way.COMMAND_LINE.host.equals(outcome.path("host").asText())
                ? null
                : "unexpected JSON report " + outcome;
        return new Delivery(path, file, recipient, problem, "");
    }

    private Delivery sendWithApi(DirectDelivery client, Path file, int index) throws IOException {
        String path = relative(file);
        String recipient = "api-" + runId + "-" + index + "@" + peers.domain("TLS");
        DeliveryReport deliveryReport;
        try {
            deliveryReport = client.send(Envelope.of(SENDER, recipient), MessageSource.ofPath(file));
        } catch (InvalidMessageException e) {
            String problem = Files.size(file) == 0 ? null : "refused: " + e.getMessage();
            return new Delivery(path, file, recipient, problem, "InvalidMessageException: " + e.getMessage());
        }
        if (Files.size(file) == 0) {
            return new Delivery(path, file, recipient, "an empty message was not refused: " + deliveryReport, "");
        }
        RecipientResult result = deliveryReport.results().get(0);
        String problem = result.status() == DeliveryStatus.DELIVERED
                        && Way.LIBRARY_API.host.equals(result.host())
                        && result.tls() != null
                ? null
                : "expected DELIVERED over TLS by mx-tls.e2e.test, got " + result;
        return new Delivery(path, file, recipient, problem, "");
    }

    private int judge(
            Report report, String label, List<Delivery> deliveries, Map<String, List<Arrival>> arrivals, Way way)
            throws IOException {
        int compared = 0;
        for (Delivery delivery : deliveries) {
            String check = label + " " + delivery.path();
            List<Arrival> found = arrivals.getOrDefault(delivery.recipient(), List.of());
            if (delivery.problem() != null) {
                report.fail(check, delivery.problem());
            } else if (!delivery.refusal().isEmpty()) {
                report.check(
                        check,
                        found.isEmpty() ? null : "refused, but " + found.size() + " copies arrived",
                        "refused as it should be (" + delivery.refusal() + ")");
            } else if (found.size() != 1) {
                report.fail(check, found.size() + " copies arrived for " + delivery.recipient() + ", expected one");
            } else {
                compared++;
                report.check(
                        check,
                        problem(delivery, found.get(0), way),
                        describe(ExpectedMessage.of(Files.readAllBytes(delivery.file()), HELO, way.command)));
            }
        }
        return compared;
    }

    private @Nullable String problem(Delivery delivery, Arrival arrival, Way way) throws IOException {
        if (!arrival.returnPath().equals("<" + SENDER + ">")) {
            return "Return-Path is " + arrival.returnPath() + ", expected <" + SENDER + ">";
        }
        if (!arrival.received().contains("by " + way.host + " (Postfix)")) {
            return "Received does not name " + way.host + ": " + arrival.received();
        }
        if (way.tls != arrival.received().contains("(using TLS")) {
            return "Received shows " + (way.tls ? "no TLS" : "TLS") + ": " + arrival.received();
        }
        ExpectedMessage expected = ExpectedMessage.of(Files.readAllBytes(delivery.file()), HELO, way.command);
        return expected.mismatch(arrival.message())
                .map(mismatch -> mismatch + " (" + arrival.file() + ")")
                .orElse(null);
    }

    private static String describe(ExpectedMessage expected) {
        if (expected.differences().isEmpty()) {
            return "arrived as sent";
        }
        return "arrived as sent but for: "
                + expected.differences().stream().map(Difference::description).collect(Collectors.joining(", "));
    }

    private DirectDelivery client() {
        return DirectDelivery.builder()
                .heloName(HELO)
                .dnsServer(peers.dnsServer())
                .smtpPort(peers.smtpPort())
                .allowLocalDestinations(true)
                .build();
    }

    private String relative(Path file) {
        return settings.fixtures().relativize(file).toString();
    }
}

package io.github.directdelivery.cli;

import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.InvalidMessageException;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.TlsPolicy;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code direct-delivery send}: delivers one message and prints one line per recipient. */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Delivers a message straight to each recipient's MX hosts and prints one line per recipient:"
                    + " status, reply, host and address, TLS.",
        },
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:every recipient delivered",
            "64:bad usage: an unknown option, a missing or malformed argument or address",
            "65:invalid message: empty, or a line longer than 998 bytes",
            "66:the message file does not exist or cannot be read",
            "69:at least one recipient failed permanently",
            "70:internal error",
            "73:the --json file or a temporary file cannot be created",
            "75:at least one recipient deferred and none failed: try again later",
        })
final class SendCommand implements Callable<Integer> {

    private static final String NAME = "direct-delivery send";

    private final Console console;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "ADDR",
            description = "Envelope sender (MAIL FROM), where bounces go; '<>' for the null reverse-path.")
    private String from = "";

    @Option(
            names = "--to",
            required = true,
            paramLabel = "ADDR",
            description = "Recipient (RCPT TO); repeat the option for more recipients.")
    private List<String> recipients = new ArrayList<>();

    @Option(
            names = "--helo",
            paramLabel = "NAME",
            description = "Name sent in EHLO and used in generated Message-IDs. Default: this host's canonical name.")
    private @Nullable String helo;

    @Option(
            names = "--dns",
            paramLabel = "HOST:PORT",
            converter = DnsServerConverter.class,
            description = "DNS server to query: an IP address, port 53 unless given. Default: the system's resolvers.")
    private @Nullable InetSocketAddress dns;

    @Option(
            names = "--smtp-port",
            paramLabel = "N",
            defaultValue = "25",
            converter = PortConverter.class,
            description = "TCP port of the MX hosts. Default: ${DEFAULT-VALUE}.")
    private int smtpPort = 25;

    @Option(
            names = "--allow-local-destinations",
            description = "Allow MX hosts on loopback, private and other addresses that are not publicly routable.")
    private boolean allowLocalDestinations;

    @Option(
            names = "--tls",
            paramLabel = "POLICY",
            defaultValue = "opportunistic",
            description = "STARTTLS policy: none; opportunistic (encrypt when offered, the default); required"
                    + " (encrypt or defer); verified (encrypt with a certificate the JVM trusts, for the host"
                    + " name, or defer).")
    private TlsPolicy tls = TlsPolicy.OPPORTUNISTIC;

    @Option(
            names = "--json",
            paramLabel = "FILE|-",
            description = "Also write the results as JSON to FILE. With '-' the JSON goes to standard output"
                    + " and the text report to standard error.")
    private @Nullable String json;

    @Option(
            names = "--verbose",
            description =
                    "Print the SMTP dialogue of every session, and the stack trace of an error, to standard error.")
    private boolean verbose;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "MESSAGE_FILE|-",
            defaultValue = "-",
            description = "The RFC 5322 message to send. '-' or none reads it from standard input.")
    private String message = "-";

    SendCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        try {
            return send();
        } catch (CommandException e) {
            console.error(NAME, CommandException.messageOf(e), e.getCause(), verbose);
            return e.exitCode();
        }
    }

    private int send() {
        try (JsonOutput jsonOutput = json == null ? null : JsonOutput.open(json, console.out());
                MessageInput input = MessageInput.open(message, console.in());
                DirectDelivery client = buildClient()) {
            DeliveryReport report = deliver(client, input);

            PrintWriter text = jsonOutput != null && jsonOutput.isStandardOutput() ? console.err() : console.out();
            for (RecipientResult result : report.results()) {
                text.println(ReportFormat.recipientLine(result));
            }
            text.flush();
            if (verbose) {
                report.transcript().forEach(console.err()::println);
                console.err().flush();
            }
            if (jsonOutput != null) {
                jsonOutput.write(ReportFormat.reportJson(report));
            }
            return exitCode(report);
        }
    }

    private DirectDelivery buildClient() {
        DirectDelivery.Builder builder = DirectDelivery.builder()
                .smtpPort(smtpPort)
                .allowLocalDestinations(allowLocalDestinations)
                .tlsPolicy(tls)
                .recordTranscript(verbose);
        if (dns != null) {
            builder.dnsServer(dns);
        }
        try {
            if (helo != null) {
                builder.heloName(helo);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCodes.USAGE, "invalid --helo: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new CommandException(ExitCodes.SOFTWARE, CommandException.messageOf(e) + " (option --helo)", e);
        }
    }

    private DeliveryReport deliver(DirectDelivery client, MessageInput input) {
        try {
            Envelope envelope = Envelope.of(from, recipients);
            return client.send(envelope, MessageSource.ofPath(input.path()));
        } catch (InvalidMessageException e) {
            throw new CommandException(
                    ExitCodes.DATA_ERROR, "invalid message in " + input.description() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCodes.USAGE, CommandException.messageOf(e), e);
        } catch (UncheckedIOException e) {
            throw new CommandException(
                    ExitCodes.NO_INPUT,
                    "cannot read " + input.description() + ": "
                            + CommandException.messageOf(Objects.<Throwable>requireNonNullElse(e.getCause(), e)),
                    e);
        }
    }

    /** Returns 69 when any recipient failed, else 75 when any was deferred, else 0. */
    static int exitCode(DeliveryReport report) {
        if (!report.withStatus(DeliveryStatus.FAILED).isEmpty()) {
            return ExitCodes.UNAVAILABLE;
        }
        if (!report.withStatus(DeliveryStatus.DEFERRED).isEmpty()) {
            return ExitCodes.TEMPORARY_FAILURE;
        }
        return ExitCodes.OK;
    }
}

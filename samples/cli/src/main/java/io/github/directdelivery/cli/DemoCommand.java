package io.github.directdelivery.cli;

import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.SmtpTimeouts;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code direct-delivery demo}: delivers one message to four recipients through the library, with
 * a DNS server and MX hosts that run in the same process on loopback, and checks that each
 * recipient ended as its scenario expects.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Delivers a message through the library to MX hosts that run in this process on loopback,"
                    + " found through an embedded DNS server: no Internet access is needed. Four recipients"
                    + " show a delivery over STARTTLS, a null MX, a greylisting host and a backup MX.",
        },
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:every scenario ended as expected",
            "64:bad usage",
            "70:a scenario ended otherwise, or the embedded servers could not start",
        })
final class DemoCommand implements Callable<Integer> {

    private static final String NAME = "direct-delivery demo";
    private static final String SENDER = "demo@client.demo.test";

    private final Console console;

    DemoCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        DemoNetwork network;
        try {
            network = DemoNetwork.start();
        } catch (IOException e) {
            console.error(
                    NAME,
                    // The cause comes last because the test kit's message is a sentence of its own.
                    "cannot start the embedded servers on 127.0.0.1 to 127.0.0.5. On macOS, add the"
                            + " addresses first: for i in 2 3 4 5; do sudo ifconfig lo0 alias 127.0.0.$i up;"
                            + " done. Cause: " + e.getMessage(),
                    e,
                    false);
            return ExitCodes.SOFTWARE;
        }
        try (network) {
            return run(network);
        }
    }

    private int run(DemoNetwork network) {
        PrintWriter out = console.out();
        List<DemoNetwork.Scenario> scenarios = network.scenarios();
        out.println("Embedded DNS server on " + network.dnsServer().getAddress().getHostAddress() + " port "
                + network.dnsServer().getPort() + ", MX hosts on port " + network.smtpPort() + ":");
        for (DemoNetwork.Host host : network.hosts()) {
            out.printf("  %-26s %-10s %s%n", host.name(), host.address().getHostAddress(), host.behaviour());
        }
        out.println();
        out.println("Sending one message from " + SENDER + " to " + scenarios.size() + " recipients...");
        out.println();

        DeliveryReport report;
        try (DirectDelivery client = DirectDelivery.builder()
                .heloName("client.demo.test")
                .dnsServer(network.dnsServer())
                .smtpPort(network.smtpPort())
                .allowLocalDestinations(true)
                .timeouts(SmtpTimeouts.uniform(Duration.ofSeconds(10)))
                .sendTimeout(Duration.ofSeconds(30))
                .build()) {
            report = client.send(
                    Envelope.of(
                            SENDER,
                            scenarios.stream()
                                    .map(DemoNetwork.Scenario::recipient)
                                    .toList()),
                    MessageSource.ofString(message(scenarios)));
        }

        int expected = 0;
        for (DemoNetwork.Scenario scenario : scenarios) {
            RecipientResult result = report.result(scenario.recipient()).orElseThrow();
            boolean ok = scenario.check().test(result);
            if (ok) {
                expected++;
            }
            out.println(scenario.title() + ":");
            out.println("  " + ReportFormat.recipientLine(result));
            out.println("  expected " + scenario.expectation() + ": " + (ok ? "yes" : "NO"));
            out.println();
        }
        out.println(expected + " of " + scenarios.size() + " scenarios ended as expected.");
        out.flush();
        return expected == scenarios.size() ? ExitCodes.OK : ExitCodes.SOFTWARE;
    }

    private static String message(List<DemoNetwork.Scenario> scenarios) {
        String to = String.join(
                ", ", scenarios.stream().map(DemoNetwork.Scenario::recipient).toList());
        return "From: Demo <" + SENDER + ">\r\n"
                + "To: " + to + "\r\n"
                + "Subject: DirectDelivery demo\r\n"
                + "\r\n"
                + "This message went straight to each recipient's MX host, without a relay.\r\n";
    }
}

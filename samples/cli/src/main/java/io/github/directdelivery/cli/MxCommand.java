package io.github.directdelivery.cli;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.MxResolver;
import io.github.directdelivery.ResolvedRoute;
import io.github.directdelivery.Route;
import io.github.directdelivery.UnresolvedRoute;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code direct-delivery mx}: prints the route to a domain as {@code send} would use it. */
@Command(
        name = "mx",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Prints where mail for DOMAIN goes, as send would use it: the MX hosts in the order they are"
                    + " tried, each with its addresses, or why mail cannot be delivered there and its status code.",
        },
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:route found",
            "64:bad usage, or DOMAIN is not a valid domain name",
            "69:mail cannot be delivered to DOMAIN: null MX, no such domain, no usable host",
            "70:internal error",
            "73:the --json file cannot be created",
            "75:the lookup failed temporarily: try again later",
        })
final class MxCommand implements Callable<Integer> {

    private static final String NAME = "direct-delivery mx";

    private final Console console;

    @Parameters(index = "0", paramLabel = "DOMAIN", description = "The domain, such as example.com.")
    private String domain = "";

    @Option(
            names = "--dns",
            paramLabel = "HOST:PORT",
            converter = DnsServerConverter.class,
            description = "DNS server to query: an IP address, port 53 unless given. Default: the system's resolvers.")
    private @Nullable InetSocketAddress dns;

    @Option(
            names = "--allow-local-destinations",
            description = "Keep MX hosts on loopback, private and other addresses that are not publicly routable,"
                    + " as send does with the same option.")
    private boolean allowLocalDestinations;

    @Option(
            names = "--json",
            paramLabel = "FILE|-",
            description = "Also write the route as JSON to FILE. With '-' the JSON goes to standard output"
                    + " and the text to standard error.")
    private @Nullable String json;

    MxCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        try (JsonOutput jsonOutput = json == null ? null : JsonOutput.open(json, console.out())) {
            Route route = resolve();
            PrintWriter text = jsonOutput != null && jsonOutput.isStandardOutput() ? console.err() : console.out();
            ReportFormat.routeLines(route).forEach(text::println);
            text.flush();
            if (jsonOutput != null) {
                jsonOutput.write(ReportFormat.routeJson(route));
            }
            return exitCode(route);
        } catch (CommandException e) {
            console.error(NAME, CommandException.messageOf(e), e.getCause(), false);
            return e.exitCode();
        }
    }

    private Route resolve() {
        MxResolver.Builder builder = MxResolver.builder().allowLocalDestinations(allowLocalDestinations);
        if (dns != null) {
            builder.dnsServer(dns);
        }
        try {
            return builder.build().resolve(domain);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCodes.USAGE, "invalid domain '" + domain + "': " + e.getMessage(), e);
        }
    }

    private static int exitCode(Route route) {
        if (route instanceof ResolvedRoute) {
            return ExitCodes.OK;
        }
        UnresolvedRoute unresolved = (UnresolvedRoute) route;
        return unresolved.status() == DeliveryStatus.FAILED ? ExitCodes.UNAVAILABLE : ExitCodes.TEMPORARY_FAILURE;
    }
}

package io.github.directdelivery.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code direct-delivery} command: {@code send}, {@code mx} and {@code demo}. Exit codes follow
 * BSD's {@code sysexits.h}; usage errors exit with 64. Text and JSON are written in UTF-8.
 */
@Command(
        name = "direct-delivery",
        mixinStandardHelpOptions = true,
        versionProvider = DirectDeliveryCli.Version.class,
        description = "Delivers mail straight to the recipients' MX hosts, without a relay.",
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE)
public final class DirectDeliveryCli {

    private DirectDeliveryCli() {}

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(System.in, System.out, System.err, args));
    }

    /**
     * Runs the command line with the given standard streams, without exiting.
     *
     * @return the exit code
     */
    static int execute(InputStream in, PrintStream out, PrintStream err, String... args) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        Console console = new Console(in, outWriter, errWriter);

        CommandLine commandLine = new CommandLine(new DirectDeliveryCli())
                .addSubcommand(new SendCommand(console))
                .addSubcommand(new MxCommand(console))
                .addSubcommand(new DemoCommand(console))
                .setOut(outWriter)
                .setErr(errWriter)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(DirectDeliveryCli::usageError)
                .setExecutionExceptionHandler(DirectDeliveryCli::internalError);
        int exitCode = commandLine.execute(args);
        outWriter.flush();
        errWriter.flush();
        return exitCode;
    }

    /** Prints one line that names the problem and where to find the usage. */
    private static int usageError(ParameterException e, String[] args) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        String name = spec.qualifiedName();
        e.getCommandLine().getErr().println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
        return spec.exitCodeOnInvalidInput();
    }

    /** Reports an exception that no command handled: a bug. */
    private static int internalError(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": internal error: " + e);
        if (parseResult.hasMatchedOption("--verbose")) {
            e.printStackTrace(err);
        }
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }

    /** Returns the version from the jar's manifest, or "development build" when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DirectDeliveryCli.class.getPackage().getImplementationVersion();
            return new String[] {"direct-delivery " + (version != null ? version : "development build")};
        }
    }
}

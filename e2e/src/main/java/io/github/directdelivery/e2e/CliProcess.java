package io.github.directdelivery.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs the command line jar in its own JVM, as a user would, with the library's loopback-only
 * mode on so that a missing option cannot reach beyond this machine.
 */
final class CliProcess {

    private static final long TIMEOUT_SECONDS = 120;

    /** What one run printed, and its exit code. */
    record Result(int exitCode, String out, String err) {}

    private final Path jar;
    private final Path workDirectory;

    CliProcess(Path jar, Path workDirectory) {
        this.jar = jar;
        this.workDirectory = workDirectory;
    }

    /**
     * Runs {@code direct-delivery ARGS}, with {@code stdin} as standard input when not null, and
     * waits for it to end.
     *
     * @throws IOException if the process cannot be started, or does not end within 120 s
     */
    Result run(List<String> args, @Nullable Path stdin) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A short-lived JVM starts faster without the optimising compiler.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dio.github.directdelivery.loopbackOnly=true");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);

        Path out = Files.createTempFile(workDirectory, "cli-", ".out");
        Path err = Files.createTempFile(workDirectory, "cli-", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(stdin != null ? stdin.toFile() : new File("/dev/null"))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(
                        "direct-delivery " + String.join(" ", args) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

package io.github.directdelivery.bench.throughput;

import io.github.directdelivery.bench.TestMessages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Postfix's {@code smtp-source}, a C load generator: {@code -s} sessions in parallel, each sending
 * message after message over its connection ({@code -d}), with a generated body of {@code -l}
 * octets. It does not pipeline commands. Its time includes starting the process.
 */
final class SmtpSourceContender implements Contender {

    /** Where Debian's postfix package installs smtp-source. */
    static final Path DEFAULT_EXECUTABLE = Path.of("/usr/sbin/smtp-source");

    private final Path executable;
    private final InetSocketAddress sink;

    SmtpSourceContender(Path executable, InetSocketAddress sink) throws IOException {
        if (!Files.isExecutable(executable)) {
            throw new IOException(executable + " is missing or not executable; install Debian's postfix package"
                    + " (bench/run.sh does) or set --smtp-source=PATH");
        }
        this.executable = executable;
        this.sink = sink;
    }

    @Override
    public String name() {
        return "smtp-source";
    }

    @Override
    public long run(Workload workload) throws IOException, InterruptedException {
        List<String> command = command(workload);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        int status = process.waitFor();
        long elapsed = System.nanoTime() - start;
        if (status != 0 || output.length > 0) {
            // smtp-source prints nothing unless something went wrong.
            throw new IOException(String.join(" ", command) + " exited with status " + status + ": "
                    + new String(output, StandardCharsets.UTF_8).strip());
        }
        return elapsed;
    }

    List<String> command(Workload workload) {
        return List.of(
                executable.toString(),
                "-d",
                "-s",
                Integer.toString(workload.connections()),
                "-m",
                Integer.toString(workload.messages()),
                "-l",
                Integer.toString(workload.bodySize()),
                "-f",
                TestMessages.SENDER,
                "-t",
                TestMessages.RECIPIENT,
                "-M",
                TestMessages.CLIENT_NAME,
                sink.getAddress().getHostAddress() + ":" + sink.getPort());
    }
}

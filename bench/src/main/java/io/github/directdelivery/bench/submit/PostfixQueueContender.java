package io.github.directdelivery.bench.submit;

import io.github.directdelivery.bench.TestMessages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Postfix's queue end to end: {@code smtp-source} submits the messages to the benchmark instance's
 * {@code smtpd} over {@code -s} sessions, each sending message after message over its connection,
 * and the instance's queue manager and {@code smtp} client deliver them to the sink. The time runs
 * from starting smtp-source until the sink has counted every message.
 */
final class PostfixQueueContender implements SubmitContender {

    /** The path of smtp-source in Debian's postfix package. */
    static final Path DEFAULT_SMTP_SOURCE = Path.of("/usr/sbin/smtp-source");

    private final Path smtpSource;
    private final InetSocketAddress smtpd;
    private final ReceivedCount sink;
    private final int bodySize;
    private final Duration timeout;

    /**
     * Creates the contender.
     *
     * @param smtpd the address of the Postfix instance's smtpd
     * @param timeout how long a run may take before it fails
     * @throws IOException if smtp-source is missing
     */
    PostfixQueueContender(Path smtpSource, InetSocketAddress smtpd, ReceivedCount sink, int bodySize, Duration timeout)
            throws IOException {
        if (!Files.isExecutable(smtpSource)) {
            throw new IOException(smtpSource + " is missing or not executable; install Debian's postfix package"
                    + " (bench/run.sh does) or set --smtp-source=PATH");
        }
        this.smtpSource = smtpSource;
        this.smtpd = smtpd;
        this.sink = sink;
        this.bodySize = bodySize;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "Postfix queue";
    }

    @Override
    public long run(int messages, int sessions) throws IOException, InterruptedException {
        long before = sink.received();
        List<String> command = command(messages, sessions);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        int status = process.waitFor();
        if (status != 0 || output.length > 0) {
            // smtp-source prints nothing unless something went wrong, such as a rejected message.
            throw new IOException(String.join(" ", command) + " exited with status " + status + ": "
                    + new String(output, StandardCharsets.UTF_8).strip());
        }
        sink.awaitReceived(before + messages, timeout);
        long elapsed = System.nanoTime() - start;
        SinkChecks.requireExactly(sink, before, messages, name());
        return elapsed;
    }

    List<String> command(int messages, int sessions) {
        return List.of(
                smtpSource.toString(),
                "-d",
                "-s",
                Integer.toString(sessions),
                "-m",
                Integer.toString(messages),
                "-l",
                Integer.toString(bodySize),
                "-f",
                TestMessages.SENDER,
                "-t",
                TestMessages.RECIPIENT,
                "-M",
                TestMessages.CLIENT_NAME,
                smtpd.getAddress().getHostAddress() + ":" + smtpd.getPort());
    }
}

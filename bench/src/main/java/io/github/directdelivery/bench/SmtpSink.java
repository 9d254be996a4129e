package io.github.directdelivery.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Postfix {@code smtp-sink} process listening on a loopback address: it takes SMTP mail and
 * throws it away, so a benchmark measures the client. It announces PIPELINING, 8BITMIME, DSN and
 * ENHANCEDSTATUSCODES; the smtp-sink of Postfix 3.7 has no CHUNKING, so clients send DATA.
 */
public final class SmtpSink implements AutoCloseable {

    /** Where Debian's postfix package installs smtp-sink. */
    public static final Path DEFAULT_EXECUTABLE = Path.of("/usr/sbin/smtp-sink");

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private SmtpSink(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    /**
     * Starts smtp-sink on a free port of {@code address} and waits until it accepts connections.
     *
     * @param log the file that receives smtp-sink's output
     * @throws IllegalArgumentException if {@code address} is not a loopback address
     * @throws IOException if smtp-sink cannot be started or does not accept connections within 10 s
     */
    public static SmtpSink start(Path executable, InetAddress address, Path log)
            throws IOException, InterruptedException {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the sink must listen on a loopback address, not " + address);
        }
        if (!Files.isExecutable(executable)) {
            throw new IOException(executable + " is missing or not executable; install Debian's postfix package"
                    + " (bench/run.sh does) or set -Dbench.smtpSink=PATH");
        }
        int port = freePort(address);
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-4"));
        if ("root".equals(System.getProperty("user.name"))) {
            // smtp-sink refuses to keep root privileges after it has bound its port.
            command.addAll(List.of("-u", "nobody"));
        }
        // The last argument is the listen backlog.
        command.addAll(List.of(address.getHostAddress() + ":" + port, "256"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        SmtpSink sink = new SmtpSink(process, new InetSocketAddress(address, port), log);
        try {
            sink.awaitAccepting();
        } catch (IOException | InterruptedException | RuntimeException e) {
            sink.close();
            throw e;
        }
        return sink;
    }

    /** Returns the address and port that smtp-sink listens on. */
    public InetSocketAddress address() {
        return address;
    }

    /** Stops smtp-sink, forcibly after 5 seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitAccepting() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("smtp-sink exited with status " + process.exitValue() + ": "
                        + Files.readString(log).strip());
            }
            try (Socket probe = new Socket()) {
                probe.connect(address, 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(
                            "smtp-sink does not accept connections on " + address + " after "
                                    + STARTUP_TIMEOUT.toSeconds() + " s",
                            e);
                }
                Thread.sleep(20);
            }
        }
    }

    private static int freePort(InetAddress address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, address)) {
            return socket.getLocalPort();
        }
    }
}

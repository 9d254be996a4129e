package io.github.directdelivery.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Postfix {@code smtp-sink} process listening on a loopback address: it takes SMTP mail and
 * throws it away, so a benchmark measures the client. It announces PIPELINING, 8BITMIME, DSN and
 * ENHANCEDSTATUSCODES; the smtp-sink of Postfix 3.7 has no CHUNKING, so clients send DATA.
 */
public final class SmtpSink implements AutoCloseable {

    /** Where Debian's postfix package installs smtp-sink. */
    public static final Path DEFAULT_EXECUTABLE = Path.of("/usr/sbin/smtp-sink");

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
        SinkProcesses.stop(process);
    }

    private void awaitAccepting() throws IOException, InterruptedException {
        SinkProcesses.awaitAccepting(process, address, () -> {
            try {
                return Files.readString(log).strip();
            } catch (IOException e) {
                return "(its log " + log + " cannot be read: " + e.getMessage() + ")";
            }
        });
    }

    private static int freePort(InetAddress address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, address)) {
            return socket.getLocalPort();
        }
    }
}

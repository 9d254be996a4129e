package io.github.directdelivery.bench.submit;

import io.github.directdelivery.bench.SinkProcesses;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Postfix {@code smtp-sink} on a fixed loopback address and port that counts what it receives
 * ({@code -c}), so that a benchmark can check that every message arrived and time the last
 * arrival. Like the throughput benchmark's sink, it throws the mail away.
 */
final class CountingSmtpSink implements ReceivedCount, AutoCloseable {

    private final Process process;
    private final InetSocketAddress address;
    private final SinkCounter counter = new SinkCounter();

    private CountingSmtpSink(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /**
     * Starts smtp-sink on {@code address} and waits until it accepts connections.
     *
     * @throws IllegalArgumentException if {@code address} is not a loopback address
     * @throws IOException if smtp-sink is missing, exits, or does not accept connections within 10 s
     */
    static CountingSmtpSink start(Path executable, InetSocketAddress address) throws IOException, InterruptedException {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the sink must listen on a loopback address, not " + address);
        }
        if (!Files.isExecutable(executable)) {
            throw new IOException(executable + " is missing or not executable; install Debian's postfix package"
                    + " (bench/run.sh does) or set --smtp-sink=PATH");
        }
        Process process = new ProcessBuilder(
                        command(executable, address, "root".equals(System.getProperty("user.name"))))
                .redirectErrorStream(true)
                .start();
        CountingSmtpSink sink = new CountingSmtpSink(process, address);
        Thread reader = new Thread(sink::readOutput, "smtp-sink-output");
        reader.setDaemon(true);
        reader.start();
        try {
            sink.awaitAccepting();
        } catch (IOException | InterruptedException | RuntimeException e) {
            sink.close();
            throw e;
        }
        return sink;
    }

    /** Returns the command line: counters on, IPv4, the address, and a listen backlog of 256. */
    static List<String> command(Path executable, InetSocketAddress address, boolean asRoot) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-c", "-4"));
        if (asRoot) {
            // smtp-sink refuses to keep root privileges after it has bound its port.
            command.addAll(List.of("-u", "nobody"));
        }
        command.addAll(List.of(address.getAddress().getHostAddress() + ":" + address.getPort(), "256"));
        return command;
    }

    /** Returns the address and port that smtp-sink listens on. */
    InetSocketAddress address() {
        return address;
    }

    @Override
    public long received() {
        return counter.received();
    }

    @Override
    public void awaitReceived(long count, Duration timeout) throws IOException, InterruptedException {
        counter.awaitReceived(count, timeout);
    }

    /** Stops smtp-sink, forcibly after 5 seconds. */
    @Override
    public void close() {
        SinkProcesses.stop(process);
    }

    private void readOutput() {
        try {
            counter.consume(process.getInputStream());
        } catch (IOException e) {
            // The stream closes when smtp-sink stops; the counter reports that to anyone waiting.
        }
    }

    private void awaitAccepting() throws IOException, InterruptedException {
        SinkProcesses.awaitAccepting(process, address, counter::otherOutput);
    }
}

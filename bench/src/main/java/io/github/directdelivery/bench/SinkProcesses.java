package io.github.directdelivery.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Starting and stopping an {@code smtp-sink} process, shared by the benchmarks' sinks. */
public final class SinkProcesses {

    /** How long smtp-sink may take to accept connections after it starts. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    private SinkProcesses() {}

    /**
     * Waits until {@code process} accepts connections on {@code address}.
     *
     * @param output the process's output so far, for the error when it exits
     * @throws IOException if the process exits, or accepts no connection within {@link #STARTUP_TIMEOUT}
     */
    public static void awaitAccepting(Process process, InetSocketAddress address, Supplier<String> output)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("smtp-sink exited with status " + process.exitValue() + ": " + output.get());
            }
            try (Socket probe = new Socket()) {
                probe.connect(address, 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(
                            "smtp-sink does not accept connections on " + address + " after "
                                    + STARTUP_TIMEOUT.toSeconds() + " s; is the address in use?",
                            e);
                }
                Thread.sleep(20);
            }
        }
    }

    /** Stops {@code process}, forcibly after 5 seconds. */
    public static void stop(Process process) {
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
}

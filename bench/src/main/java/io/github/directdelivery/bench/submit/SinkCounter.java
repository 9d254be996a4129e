package io.github.directdelivery.bench.submit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads the running counters of {@code smtp-sink -c} from its output and keeps the number of
 * messages received. smtp-sink rewrites one status line with a carriage return each time a session
 * ends, a QUIT arrives or a message's final "." arrives, such as {@code sess=2 quit=2 mesg=10};
 * {@code mesg} is the count of messages.
 */
final class SinkCounter implements ReceivedCount {

    private static final String MESSAGES_FIELD = "mesg=";
    private static final int MAX_OTHER_OUTPUT = 2000;

    private long received;
    private boolean ended;
    private final StringBuilder otherOutput = new StringBuilder();

    /**
     * Consumes {@code output} until it ends, updating the count at each status line. Lines without
     * a counter, such as an error message, are kept for {@link #otherOutput()}.
     */
    void consume(InputStream output) throws IOException {
        try (Reader reader = new InputStreamReader(output, StandardCharsets.US_ASCII)) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = reader.read()) >= 0) {
                if (c == '\r' || c == '\n') {
                    accept(line.toString());
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
            accept(line.toString());
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /**
     * Returns the message count of one status line, or -1 if the line has none.
     */
    static long messages(String line) {
        int start = line.lastIndexOf(MESSAGES_FIELD);
        if (start < 0) {
            return -1;
        }
        start += MESSAGES_FIELD.length();
        int end = start;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
            end++;
        }
        if (end == start) {
            return -1;
        }
        try {
            return Long.parseLong(line.substring(start, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public synchronized long received() {
        return received;
    }

    @Override
    public synchronized void awaitReceived(long count, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received < count) {
            if (ended) {
                throw new IOException(
                        "smtp-sink stopped after " + received + " of " + count + " messages" + describeOtherOutput());
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new IOException("smtp-sink received " + received + " of " + count + " messages within "
                        + timeout.toSeconds() + " s" + describeOtherOutput());
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
    }

    /** Returns what smtp-sink wrote besides its counters, up to 2000 characters. */
    synchronized String otherOutput() {
        return otherOutput.toString().strip();
    }

    private synchronized void accept(String line) {
        if (line.isBlank()) {
            return;
        }
        long messages = messages(line);
        if (messages < 0) {
            if (otherOutput.length() < MAX_OTHER_OUTPUT) {
                otherOutput.append(line, 0, Math.min(line.length(), MAX_OTHER_OUTPUT - otherOutput.length()));
                otherOutput.append('\n');
            }
            return;
        }
        received = Math.max(received, messages);
        notifyAll();
    }

    private String describeOtherOutput() {
        String other = otherOutput();
        return other.isEmpty() ? "" : "; it wrote: " + other;
    }
}

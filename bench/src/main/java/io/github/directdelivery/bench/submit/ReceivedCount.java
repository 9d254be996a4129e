package io.github.directdelivery.bench.submit;

import java.io.IOException;
import java.time.Duration;

/** The number of messages that a sink has received since it started. */
interface ReceivedCount {

    /** Returns the number of messages received so far. */
    long received();

    /**
     * Waits until the sink has received at least {@code count} messages.
     *
     * @throws IOException if it has not after {@code timeout}, or the sink stopped
     */
    void awaitReceived(long count, Duration timeout) throws IOException, InterruptedException;
}

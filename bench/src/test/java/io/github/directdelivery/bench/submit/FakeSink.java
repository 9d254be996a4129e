package io.github.directdelivery.bench.submit;

import java.io.IOException;
import java.time.Duration;

/**
 * A sink count that a test controls: each wait first adds {@code arrivalsPerWait} messages, as if
 * the queue had delivered them meanwhile, then fails at once if the count is still short.
 */
final class FakeSink implements ReceivedCount {

    private final long arrivalsPerWait;
    private long received;

    FakeSink(long arrivalsPerWait) {
        this.arrivalsPerWait = arrivalsPerWait;
    }

    @Override
    public synchronized long received() {
        return received;
    }

    @Override
    public synchronized void awaitReceived(long count, Duration timeout) throws IOException {
        received += arrivalsPerWait;
        if (received < count) {
            throw new IOException("smtp-sink received " + received + " of " + count + " messages");
        }
    }
}

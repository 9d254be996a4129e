package io.github.directdelivery.spring;

import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.MessageSource;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Helpers for tests that submit to a spool and wait for its state. */
final class SpoolFixtures {

    private SpoolFixtures() {}

    /**
     * Submits the test message to {@code recipients} from the null reverse-path, so that a failed
     * recipient adds no failure notice to the spool.
     */
    static void submit(DurableDelivery spool, String... recipients) {
        spool.submit(
                Envelope.of("<>", recipients), MessageSource.ofString(DirectDeliveryAutoConfigurationTest.MESSAGE));
    }

    /**
     * Polls until {@code condition} holds, for states that no queue event announces, such as the
     * end of an attempt.
     *
     * @throws AssertionError if it does not hold within 10 seconds
     */
    static void await(String description, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 seconds: " + description);
            }
            Thread.sleep(10);
        }
    }
}

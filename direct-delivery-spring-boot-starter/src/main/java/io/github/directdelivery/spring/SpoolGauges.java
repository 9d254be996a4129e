package io.github.directdelivery.spring;

import io.github.directdelivery.DurableDelivery;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Reports the state of a durable spool as Micrometer gauges, each read from
 * {@link DurableDelivery#stats()} when the registry samples it. They have no tags.
 *
 * <ul>
 *   <li>{@value #MESSAGES}: messages in the spool, waiting or being delivered.
 *   <li>{@value #PENDING_RECIPIENTS}: recipients of those messages that are neither delivered nor
 *       failed.
 *   <li>{@value #IN_FLIGHT}: messages being delivered right now.
 *   <li>{@value #OLDEST_MESSAGE_AGE} (time gauge): how long ago the oldest message in the spool
 *       was submitted; zero when the spool is empty.
 *   <li>{@value #QUARANTINED_FILES}: spool files in quarantine, each needing an operator: those
 *       found when the spool opened plus those moved there since. Deleting one takes effect at
 *       the next start.
 * </ul>
 *
 * <p>The gauges hold the spool weakly, as Micrometer gauges do, so they read NaN once it is gone.
 */
public final class SpoolGauges {

    /** The name of the gauge of messages in the spool. */
    public static final String MESSAGES = "directdelivery.spool.messages";

    /** The name of the gauge of recipients not yet delivered or failed. */
    public static final String PENDING_RECIPIENTS = "directdelivery.spool.pending.recipients";

    /** The name of the gauge of messages being delivered. */
    public static final String IN_FLIGHT = "directdelivery.spool.inflight.messages";

    /** The name of the time gauge of the oldest message's age. */
    public static final String OLDEST_MESSAGE_AGE = "directdelivery.spool.oldest.message.age";

    /** The name of the gauge of quarantined spool files. */
    public static final String QUARANTINED_FILES = "directdelivery.spool.quarantined.files";

    /** Registers the gauges of {@code spool} in {@code registry}. */
    public SpoolGauges(DurableDelivery spool, MeterRegistry registry) {
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(registry, "registry");
        gauge(registry, spool, MESSAGES, "Messages in the durable spool", queue -> queue.stats()
                .messages());
        gauge(
                registry,
                spool,
                PENDING_RECIPIENTS,
                "Recipients in the durable spool that are neither delivered nor failed",
                queue -> queue.stats().pendingRecipients());
        gauge(registry, spool, IN_FLIGHT, "Messages of the durable spool being delivered now", queue -> queue.stats()
                .inFlight());
        TimeGauge.builder(OLDEST_MESSAGE_AGE, spool, TimeUnit.MILLISECONDS, queue -> queue.stats()
                        .oldestMessageAge()
                        .toMillis())
                .description("Time since the oldest message in the durable spool was submitted")
                .register(registry);
        gauge(
                registry,
                spool,
                QUARANTINED_FILES,
                "Spool files in quarantine, which need an operator",
                queue -> queue.stats().quarantinedFiles());
    }

    private static void gauge(
            MeterRegistry registry,
            DurableDelivery spool,
            String name,
            String description,
            ToDoubleFunction<DurableDelivery> value) {
        Gauge.builder(name, spool, value).description(description).register(registry);
    }
}

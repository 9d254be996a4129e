package io.github.directdelivery.spring;

import io.github.directdelivery.QueueId;
import io.github.directdelivery.QueueListener;
import io.github.directdelivery.RecipientResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Objects;

/**
 * Counts the events of a durable spool as Micrometer counters. The only tag is {@code outcome},
 * with four fixed values, so the number of time series stays bounded.
 *
 * <ul>
 *   <li>{@value #RECIPIENTS}: one per recipient outcome recorded by the spool, tagged
 *       {@code outcome}: {@code delivered}, {@code deferred} (once per attempt that deferred the
 *       recipient, so one recipient can count several times), {@code failed} (permanently, such as
 *       with a 5xx reply) and {@code expired} (still deferred after the spool's maximum lifetime).
 *   <li>{@value #QUARANTINES}: one per spool file moved to the quarantine directory.
 * </ul>
 *
 * <p>The counters start at zero when this listener is created. The auto-configured spool installs
 * it; an application that builds its own {@code DurableDelivery} bean passes this bean to
 * {@code DurableDelivery.Builder.listener}. {@link SpoolGauges} adds the spool's current size.
 */
public final class SpoolMetrics implements QueueListener {

    /** The name of the counter of recipient outcomes in the spool. */
    public static final String RECIPIENTS = "directdelivery.spool.recipients";

    /** The name of the counter of spool files moved to quarantine. */
    public static final String QUARANTINES = "directdelivery.spool.quarantines";

    private final Counter delivered;
    private final Counter deferred;
    private final Counter failed;
    private final Counter expired;
    private final Counter quarantines;

    /** Creates the listener and registers its counters in {@code registry}. */
    public SpoolMetrics(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        this.delivered = recipients(registry, "delivered");
        this.deferred = recipients(registry, "deferred");
        this.failed = recipients(registry, "failed");
        this.expired = recipients(registry, "expired");
        this.quarantines = Counter.builder(QUARANTINES)
                .description("Spool files moved to quarantine because they could not be read")
                .register(registry);
    }

    @Override
    public void recipientDelivered(QueueId id, RecipientResult result) {
        delivered.increment();
    }

    @Override
    public void recipientDeferred(QueueId id, RecipientResult result, Instant nextAttempt) {
        deferred.increment();
    }

    @Override
    public void recipientFailed(QueueId id, RecipientResult result) {
        failed.increment();
    }

    @Override
    public void recipientExpired(QueueId id, RecipientResult result) {
        expired.increment();
    }

    @Override
    public void quarantined(String file, String reason) {
        quarantines.increment();
    }

    private static Counter recipients(MeterRegistry registry, String outcome) {
        return Counter.builder(RECIPIENTS)
                .description("Recipient outcomes recorded by the durable spool")
                .tag("outcome", outcome)
                .register(registry);
    }
}

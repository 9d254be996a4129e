package io.github.directdelivery.spring;

import io.github.directdelivery.DeliveryListener;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.Route;
import io.github.directdelivery.UnresolvedRoute;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Records deliveries as Micrometer meters. Every tag has a small fixed set of values. Recipient
 * addresses, domains and MX host names never become tags, so the number of time series stays
 * bounded however many destinations the application mails.
 *
 * <ul>
 *   <li>{@value #RECIPIENTS} (counter): one per recipient's final result, tagged {@code status}
 *       ({@code delivered}, {@code deferred}, {@code failed}), {@code reply.class} ({@code 2xx},
 *       {@code 3xx}, {@code 4xx}, {@code 5xx}, or {@code none} when no server replied) and
 *       {@code relayed} ({@code true}, {@code false}).
 *   <li>{@value #TRANSACTIONS} (timer): each SMTP transaction from MAIL to the last reply, tagged
 *       {@code outcome} ({@code delivered} when every recipient was accepted, {@code partial},
 *       {@code rejected} when none was) and {@code relayed}.
 *   <li>{@value #RESOLUTIONS} (timer): each lookup of a domain's MX route, tagged {@code outcome}
 *       ({@code resolved}, {@code deferred}, {@code failed}).
 * </ul>
 *
 * <p>The timers pair a start event with its end event on the same thread, which is where the
 * client reports both. A transaction that ends without an end event, such as one whose reconnect
 * failed, is not timed; its recipients are still counted.
 */
public final class DeliveryMetrics implements DeliveryListener {

    /** The name of the recipient outcome counter. */
    public static final String RECIPIENTS = "directdelivery.recipients";

    /** The name of the SMTP transaction timer. */
    public static final String TRANSACTIONS = "directdelivery.transactions";

    /** The name of the MX lookup timer. */
    public static final String RESOLUTIONS = "directdelivery.resolutions";

    private final MeterRegistry registry;
    private final Clock clock;
    private final ThreadLocal<Long> transactionStarted = new ThreadLocal<>();
    private final ThreadLocal<Long> resolveStarted = new ThreadLocal<>();

    /** Creates the listener; meters are registered in {@code registry} when first used. */
    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = registry.config().clock();
    }

    @Override
    public void recipientCompleted(RecipientResult result) {
        Counter.builder(RECIPIENTS)
                .description("Recipients by final delivery outcome")
                .tag("status", lowerCase(result.status()))
                .tag("reply.class", replyClass(result))
                .tag("relayed", Boolean.toString(result.relayed()))
                .register(registry)
                .increment();
    }

    @Override
    public void transactionStart(String host, List<String> recipients) {
        transactionStarted.set(clock.monotonicTime());
    }

    @Override
    public void transactionEnd(String host, List<RecipientResult> results) {
        Long started = transactionStarted.get();
        transactionStarted.remove();
        if (started == null) {
            return;
        }
        long accepted = results.stream()
                .filter(result -> result.status() == DeliveryStatus.DELIVERED)
                .count();
        String outcome = "partial";
        if (accepted == results.size()) {
            outcome = "delivered";
        } else if (accepted == 0) {
            outcome = "rejected";
        }
        boolean relayed = results.stream().anyMatch(RecipientResult::relayed);
        Timer.builder(TRANSACTIONS)
                .description("SMTP transactions, from MAIL to the last reply")
                .tag("outcome", outcome)
                .tag("relayed", Boolean.toString(relayed))
                .register(registry)
                .record(clock.monotonicTime() - started, TimeUnit.NANOSECONDS);
    }

    @Override
    public void resolveStart(String domain) {
        resolveStarted.set(clock.monotonicTime());
    }

    @Override
    public void resolveEnd(String domain, Route route) {
        Long started = resolveStarted.get();
        resolveStarted.remove();
        if (started == null) {
            return;
        }
        String outcome = route instanceof UnresolvedRoute unresolved ? lowerCase(unresolved.status()) : "resolved";
        Timer.builder(RESOLUTIONS)
                .description("Lookups of a domain's MX hosts and their addresses")
                .tag("outcome", outcome)
                .register(registry)
                .record(clock.monotonicTime() - started, TimeUnit.NANOSECONDS);
    }

    private static String replyClass(RecipientResult result) {
        Integer code = result.code();
        return code == null ? "none" : (code / 100) + "xx";
    }

    private static String lowerCase(DeliveryStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}

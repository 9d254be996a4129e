package io.github.directdelivery.spring;

import io.github.directdelivery.DeliveryListener;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.RecipientResult;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Counts the outcomes of deliveries, per recipient: all of them since the application started and
 * the most recent ones. The health indicator reports these counts.
 *
 * <p>The auto-configured client installs this listener. An application that builds its own
 * {@code DirectDelivery} bean passes this bean to {@code DirectDelivery.Builder.listener} to keep
 * the counts. Thread-safe; each event takes a short lock.
 */
public final class RecentDeliveries implements DeliveryListener {

    /** How many of the latest recipient outcomes {@link #recent()} counts. */
    public static final int DEFAULT_WINDOW = 100;

    private final DeliveryStatus[] window;
    private final Map<DeliveryStatus, Long> totals = new EnumMap<>(DeliveryStatus.class);
    private int next;
    private int filled;
    private @Nullable Instant lastCompleted;

    /** Creates counts that remember the latest {@value #DEFAULT_WINDOW} outcomes. */
    public RecentDeliveries() {
        this(DEFAULT_WINDOW);
    }

    /**
     * Creates counts that remember the latest {@code windowSize} outcomes.
     *
     * @throws IllegalArgumentException if {@code windowSize} is less than 1
     */
    public RecentDeliveries(int windowSize) {
        if (windowSize < 1) {
            throw new IllegalArgumentException("windowSize must be at least 1, not " + windowSize);
        }
        this.window = new DeliveryStatus[windowSize];
    }

    @Override
    public synchronized void recipientCompleted(RecipientResult result) {
        totals.merge(result.status(), 1L, Long::sum);
        window[next] = result.status();
        next = (next + 1) % window.length;
        filled = Math.min(filled + 1, window.length);
        lastCompleted = result.completed();
    }

    /** Returns the outcome counts of every recipient since this listener was created. */
    public synchronized Counts total() {
        return Counts.of(totals);
    }

    /** Returns the outcome counts of the latest recipients, at most the window size of them. */
    public synchronized Counts recent() {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        for (int i = 0; i < filled; i++) {
            counts.merge(window[i], 1L, Long::sum);
        }
        return Counts.of(counts);
    }

    /** Returns when the latest recipient got its final result, or null before the first one. */
    public synchronized @Nullable Instant lastCompleted() {
        return lastCompleted;
    }

    /** Returns how many outcomes {@link #recent()} counts at most. */
    public int windowSize() {
        return window.length;
    }

    /**
     * Recipient outcome counts.
     *
     * @param delivered recipients whose server accepted the message
     * @param deferred recipients not delivered yet that a later attempt may reach
     * @param failed recipients that cannot be delivered
     */
    public record Counts(long delivered, long deferred, long failed) {

        private static Counts of(Map<DeliveryStatus, Long> counts) {
            return new Counts(
                    counts.getOrDefault(DeliveryStatus.DELIVERED, 0L),
                    counts.getOrDefault(DeliveryStatus.DEFERRED, 0L),
                    counts.getOrDefault(DeliveryStatus.FAILED, 0L));
        }

        /** Returns the counts keyed by lower-case status name, in the order delivered, deferred, failed. */
        public Map<String, Long> asMap() {
            Map<String, Long> map = new LinkedHashMap<>();
            map.put("delivered", delivered);
            map.put("deferred", deferred);
            map.put("failed", failed);
            return map;
        }
    }
}

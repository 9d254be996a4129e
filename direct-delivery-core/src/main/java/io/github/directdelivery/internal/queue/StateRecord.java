package io.github.directdelivery.internal.queue;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.RecipientResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A change of a queued message's state, appended to its spool file before anything acts on it. */
public sealed interface StateRecord {

    /** A recipient's result, by its position in the stored envelope. */
    record IndexedResult(int recipient, RecipientResult result) {
        public IndexedResult {
            if (recipient < 0) {
                throw new IllegalArgumentException("recipient index must not be negative, not " + recipient);
            }
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * Recipients whose delivery ended: DELIVERED, or FAILED (also for an expired recipient). They
     * are never sent the message again.
     */
    record Decided(List<IndexedResult> results) implements StateRecord {
        public Decided {
            results = List.copyOf(results);
            for (IndexedResult indexed : results) {
                if (indexed.result().status() == DeliveryStatus.DEFERRED) {
                    throw new IllegalArgumentException("a decided recipient is not DEFERRED: " + indexed);
                }
            }
        }
    }

    /**
     * The end of an attempt that left recipients deferred.
     *
     * @param attempt the number of the attempt, from 1
     * @param nextAttempt when the next attempt is due
     * @param results the deferred recipients' latest results, for delay notices and expiry
     */
    record Deferred(int attempt, Instant nextAttempt, List<IndexedResult> results) implements StateRecord {
        public Deferred {
            if (attempt < 1) {
                throw new IllegalArgumentException("attempt must be at least 1, not " + attempt);
            }
            Objects.requireNonNull(nextAttempt, "nextAttempt");
            results = List.copyOf(results);
        }
    }

    /**
     * A delivery status notification about some recipients, stored in the spool as a message of its
     * own.
     */
    record Notified(DsnOptions.Notify kind, List<Integer> recipients, QueueId notification) implements StateRecord {
        public Notified {
            Objects.requireNonNull(kind, "kind");
            if (kind != DsnOptions.Notify.FAILURE && kind != DsnOptions.Notify.DELAY) {
                throw new IllegalArgumentException("a queue notifies of FAILURE or DELAY, not " + kind);
            }
            recipients = List.copyOf(recipients);
            Objects.requireNonNull(notification, "notification");
        }
    }
}

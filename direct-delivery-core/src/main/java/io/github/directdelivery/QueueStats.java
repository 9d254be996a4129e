package io.github.directdelivery;

import java.time.Duration;
import java.util.Objects;

/**
 * A snapshot of a durable queue, for health checks and metrics.
 *
 * @param messages the messages in the spool, waiting or being delivered. A message leaves the
 *     spool when every recipient is delivered or failed and every notification is queued
 * @param pendingRecipients the recipients of those messages that are neither delivered nor failed
 * @param inFlight the messages being delivered right now
 * @param oldestMessageAge how long ago the oldest message in the spool was submitted; zero when
 *     the spool is empty
 * @param quarantinedFiles the spool files set aside because they could not be read; each needs an
 *     operator's attention
 */
public record QueueStats(
        int messages, int pendingRecipients, int inFlight, Duration oldestMessageAge, int quarantinedFiles) {

    /**
     * Creates the snapshot.
     *
     * @throws IllegalArgumentException if a count or the age is negative
     */
    public QueueStats {
        Objects.requireNonNull(oldestMessageAge, "oldestMessageAge");
        if (messages < 0 || pendingRecipients < 0 || inFlight < 0 || quarantinedFiles < 0) {
            throw new IllegalArgumentException("queue counts must not be negative: " + messages + ", "
                    + pendingRecipients + ", " + inFlight + ", " + quarantinedFiles);
        }
        if (oldestMessageAge.isNegative()) {
            throw new IllegalArgumentException("oldestMessageAge must not be negative, not " + oldestMessageAge);
        }
    }
}

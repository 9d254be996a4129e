package io.github.directdelivery.internal.queue;

import io.github.directdelivery.Envelope;
import io.github.directdelivery.QueueId;
import java.time.Instant;
import java.util.Objects;

/**
 * A message's queue id, submission time and envelope, as its spool file records them next to the
 * content and the recipients' state.
 *
 * @param id the queue id, also the file's name
 * @param submitted when {@code submit} stored it; the maximum lifetime counts from here
 * @param envelope the reverse-path, the recipients in the order their state refers to, and the
 *     DSN options
 */
public record MessageHeader(QueueId id, Instant submitted, Envelope envelope) {

    public MessageHeader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(submitted, "submitted");
        Objects.requireNonNull(envelope, "envelope");
    }
}

package io.github.directdelivery.internal.queue;

import java.util.List;
import java.util.Objects;

/**
 * A message found in the spool when it was opened: its header and the state changes recorded so
 * far, in order.
 */
public record StoredMessage(MessageHeader header, List<StateRecord> records) {

    public StoredMessage {
        Objects.requireNonNull(header, "header");
        records = List.copyOf(records);
    }
}

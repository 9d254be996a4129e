package io.github.directdelivery.internal.message;

import io.github.directdelivery.MessageSource;
import java.io.IOException;
import java.util.Objects;

/**
 * A message ready to be sent: its source and the facts from the first pass over it.
 *
 * @param data the source, opened again for each transaction
 * @param facts the scan of {@code data}
 */
public record MessageContent(MessageSource data, MessageFacts facts) {

    public MessageContent {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(facts, "facts");
    }

    /**
     * Scans {@code data} and returns it with its facts.
     *
     * @throws IOException if the source cannot be read
     */
    public static MessageContent scan(MessageSource data) throws IOException {
        return new MessageContent(data, MessageScanner.scan(data));
    }
}

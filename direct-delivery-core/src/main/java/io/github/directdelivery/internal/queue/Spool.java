package io.github.directdelivery.internal.queue;

import io.github.directdelivery.MessageSource;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.internal.message.MessageContent;
import java.io.IOException;
import java.util.List;

/**
 * Durable storage for queued messages and their recipients' state. The queue calls it from several
 * threads at once, but never for the same message at the same time, except that {@link #append}
 * may come from several domains of one message and must then be serialised by the caller.
 */
public interface Spool extends AutoCloseable {

    /** Receives a file set aside while loading. */
    @FunctionalInterface
    interface QuarantineListener {
        void quarantined(String file, String reason);
    }

    /** Returns where the spool keeps its messages, for messages to the operator. */
    String location();

    /**
     * Stores a new message. When this returns, the message survives a crash of the process and of
     * the machine.
     *
     * @param content the prepared message and its facts; its size is checked against what is read
     * @throws IOException if it could not be stored; nothing was stored then
     */
    void store(MessageHeader header, MessageContent content) throws IOException;

    /** Records a state change of a stored message; durable when this returns. */
    void append(QueueId id, StateRecord record) throws IOException;

    /** Returns the stored content of a message, read from the spool on each open. */
    MessageSource content(QueueId id);

    /**
     * Checks that a stored message is intact.
     *
     * @throws CorruptSpoolFileException if it is truncated or does not match its checksum
     */
    void verify(QueueId id) throws IOException;

    /**
     * Reads every stored message, in no particular order. A file that cannot be read is moved aside
     * and reported to {@code quarantine} instead of failing the whole load.
     */
    List<StoredMessage> load(QuarantineListener quarantine) throws IOException;

    /** Removes a message whose every recipient has an outcome. */
    void delete(QueueId id) throws IOException;

    /**
     * Moves a message aside so that it is not delivered, keeping it for an operator.
     *
     * @return the name it has in the quarantine
     */
    String quarantine(QueueId id, String reason) throws IOException;

    /** Returns how many files have been moved aside, by this and earlier runs. */
    int quarantinedCount();

    /** Releases the spool for another user; later calls fail. */
    @Override
    void close();
}

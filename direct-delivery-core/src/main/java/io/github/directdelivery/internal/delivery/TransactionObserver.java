package io.github.directdelivery.internal.delivery;

import io.github.directdelivery.RecipientResult;
import java.util.List;

/**
 * Receives the recipients each transaction decided, while the delivery goes on, so a durable queue
 * can record a reply before the next transaction begins.
 */
@FunctionalInterface
public interface TransactionObserver {

    /** An observer that ignores every result. */
    TransactionObserver NONE = results -> {};

    /**
     * Receives the DELIVERED and FAILED results of one transaction (or of one hand-over to the
     * fallback relay), with each recipient spelled as in the envelope. Called on the delivering
     * thread before that thread starts another transaction; several domains of one message may call
     * it at the same time. It must not throw.
     */
    void decided(List<RecipientResult> results);
}

package io.github.directdelivery;

/** The outcome of a delivery for one recipient. */
public enum DeliveryStatus {
    /** A server for the recipient's domain accepted the message (a 2xx reply after the data). */
    DELIVERED,
    /**
     * Not delivered yet, but a later attempt may succeed: a 4xx reply, a network failure or a
     * temporary DNS failure.
     */
    DEFERRED,
    /** Not deliverable: a 5xx reply, a domain that does not exist or that accepts no mail. */
    FAILED
}

package io.github.directdelivery.jakarta.internal.settings;

/** The transport's handling of each message, chosen by {@code mail.mx.mode}. */
public enum TransportMode {
    /** Delivers to the recipients' MX hosts and returns with each recipient's outcome. */
    SEND,
    /** Stores the message in the spool and returns; background workers deliver it. */
    SUBMIT
}

package io.github.directdelivery.spring;

/**
 * Handover mode of the auto-configured {@code JavaMailSender}, set by the property
 * {@code direct-delivery.mode}.
 */
public enum DeliveryMode {

    /**
     * Delivers each message at once with {@link io.github.directdelivery.DirectDelivery#send}, and
     * returns when every recipient has an outcome. Nothing is retried after the call returns.
     */
    SEND,

    /**
     * Stores each message in the durable spool with
     * {@link io.github.directdelivery.DurableDelivery#submit}, and returns once it is on disk.
     * Background workers deliver it and retry deferred recipients for days.
     */
    SUBMIT
}

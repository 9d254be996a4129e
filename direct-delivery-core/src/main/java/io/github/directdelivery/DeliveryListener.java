package io.github.directdelivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Observes deliveries without logs: paired events for each phase (resolve, connect, TLS,
 * transaction) and one event per recipient outcome. Every method has an empty default, so a
 * listener implements only what it needs.
 *
 * <p>Methods are called on the thread doing the delivery, possibly from several threads at once;
 * they must be fast and thread-safe and must not throw. An exception thrown by a listener is logged
 * and otherwise ignored.
 */
public interface DeliveryListener {

    /** A listener that ignores every event. */
    DeliveryListener NONE = new DeliveryListener() {};

    /** Called before the MX hosts of {@code domain} are looked up. */
    default void resolveStart(String domain) {}

    /** Called with the route found for {@code domain}, or with the failure. */
    default void resolveEnd(String domain, Route route) {}

    /** Called before connecting to one address of an MX host or the relay. */
    default void connectStart(String host, InetSocketAddress address) {}

    /** Called when the session is ready for mail: greeted, EHLO accepted, TLS negotiated as the policy requires. */
    default void connectEnd(String host, InetSocketAddress address) {}

    /** Called when the TCP connection could not be opened. */
    default void connectFailed(String host, InetSocketAddress address, IOException failure) {}

    /** Called when the session has negotiated TLS. */
    default void tlsEnd(String host, TlsInfo tls) {}

    /** Called when the TLS handshake failed or the certificate was not accepted. */
    default void tlsFailed(String host, Exception failure) {}

    /** Called before MAIL FROM is sent for these recipients. */
    default void transactionStart(String host, List<String> recipients) {}

    /** Called with the outcome of each recipient of a transaction. */
    default void transactionEnd(String host, List<RecipientResult> results) {}

    /** Called once per recipient with its final result for this {@code send}. */
    default void recipientCompleted(RecipientResult result) {}
}

package io.github.directdelivery.spring.internal;

import io.github.directdelivery.DeliveryListener;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.Route;
import io.github.directdelivery.TlsInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes each event to several listeners in order, because the client takes only one. A listener
 * that throws is logged and skipped, so the listeners after it still get the event.
 */
public final class CompositeDeliveryListener implements DeliveryListener {

    private static final Logger log = LoggerFactory.getLogger(CompositeDeliveryListener.class);

    private final ListenerFanOut<DeliveryListener> listeners;

    private CompositeDeliveryListener(List<DeliveryListener> listeners) {
        this.listeners = new ListenerFanOut<>(listeners, "delivery listener", log);
    }

    /** Returns one listener for all of {@code listeners}: {@link DeliveryListener#NONE} for none, the listener itself for one. */
    public static DeliveryListener of(List<DeliveryListener> listeners) {
        return switch (listeners.size()) {
            case 0 -> DeliveryListener.NONE;
            case 1 -> listeners.get(0);
            default -> new CompositeDeliveryListener(listeners);
        };
    }

    @Override
    public void resolveStart(String domain) {
        listeners.forEach("resolveStart", listener -> listener.resolveStart(domain));
    }

    @Override
    public void resolveEnd(String domain, Route route) {
        listeners.forEach("resolveEnd", listener -> listener.resolveEnd(domain, route));
    }

    @Override
    public void connectStart(String host, InetSocketAddress address) {
        listeners.forEach("connectStart", listener -> listener.connectStart(host, address));
    }

    @Override
    public void connectEnd(String host, InetSocketAddress address) {
        listeners.forEach("connectEnd", listener -> listener.connectEnd(host, address));
    }

    @Override
    public void connectFailed(String host, InetSocketAddress address, IOException failure) {
        listeners.forEach("connectFailed", listener -> listener.connectFailed(host, address, failure));
    }

    @Override
    public void tlsEnd(String host, TlsInfo tls) {
        listeners.forEach("tlsEnd", listener -> listener.tlsEnd(host, tls));
    }

    @Override
    public void tlsFailed(String host, Exception failure) {
        listeners.forEach("tlsFailed", listener -> listener.tlsFailed(host, failure));
    }

    @Override
    public void transactionStart(String host, List<String> recipients) {
        listeners.forEach("transactionStart", listener -> listener.transactionStart(host, recipients));
    }

    @Override
    public void transactionEnd(String host, List<RecipientResult> results) {
        listeners.forEach("transactionEnd", listener -> listener.transactionEnd(host, results));
    }

    @Override
    public void recipientCompleted(RecipientResult result) {
        listeners.forEach("recipientCompleted", listener -> listener.recipientCompleted(result));
    }
}

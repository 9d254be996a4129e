package io.github.directdelivery.internal.delivery;

import io.github.directdelivery.DeliveryListener;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.Route;
import io.github.directdelivery.TlsInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes events to the application's listener; an exception it throws is logged and ignored. */
final class SafeListener implements DeliveryListener {

    private static final Logger log = LoggerFactory.getLogger(SafeListener.class);

    private final DeliveryListener delegate;

    SafeListener(DeliveryListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void resolveStart(String domain) {
        call("resolveStart", () -> delegate.resolveStart(domain));
    }

    @Override
    public void resolveEnd(String domain, Route route) {
        call("resolveEnd", () -> delegate.resolveEnd(domain, route));
    }

    @Override
    public void connectStart(String host, InetSocketAddress address) {
        call("connectStart", () -> delegate.connectStart(host, address));
    }

    @Override
    public void connectEnd(String host, InetSocketAddress address) {
        call("connectEnd", () -> delegate.connectEnd(host, address));
    }

    @Override
    public void connectFailed(String host, InetSocketAddress address, IOException failure) {
        call("connectFailed", () -> delegate.connectFailed(host, address, failure));
    }

    @Override
    public void tlsEnd(String host, TlsInfo tls) {
        call("tlsEnd", () -> delegate.tlsEnd(host, tls));
    }

    @Override
    public void tlsFailed(String host, Exception failure) {
        call("tlsFailed", () -> delegate.tlsFailed(host, failure));
    }

    @Override
    public void transactionStart(String host, List<String> recipients) {
        call("transactionStart", () -> delegate.transactionStart(host, recipients));
    }

    @Override
    public void transactionEnd(String host, List<RecipientResult> results) {
        call("transactionEnd", () -> delegate.transactionEnd(host, results));
    }

    @Override
    public void recipientCompleted(RecipientResult result) {
        call("recipientCompleted", () -> delegate.recipientCompleted(result));
    }

    private static void call(String event, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("The delivery listener threw an exception from {}; the delivery goes on", event, e);
        }
    }
}

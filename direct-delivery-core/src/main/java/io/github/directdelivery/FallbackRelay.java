package io.github.directdelivery;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A relay (smarthost) used only when direct delivery cannot reach a destination at all: no MX
 * host of the recipient's domain accepted a connection. A 4xx reply from a reachable MX host stays
 * DEFERRED and never goes to the relay.
 *
 * <p>The relay is a submission server: port 587 with STARTTLS, or 465 with implicit TLS, and AUTH
 * PLAIN or LOGIN when credentials are given. Credentials are sent only over TLS.
 *
 * @param host the relay's host name or IP address
 * @param port the relay's port
 * @param implicitTls whether TLS starts on connect (port 465) instead of with STARTTLS
 * @param tlsPolicy how the relay's certificate is checked; {@link TlsPolicy#VERIFIED} by default,
 *     {@link TlsPolicy#REQUIRED} for a relay with a self-signed certificate
 * @param credentials the user name and password for AUTH, or null to send without AUTH
 */
public record FallbackRelay(
        String host, int port, boolean implicitTls, TlsPolicy tlsPolicy, @Nullable Credentials credentials) {

    public FallbackRelay {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("The relay host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The relay port must be between 1 and 65535, not " + port);
        }
        Objects.requireNonNull(tlsPolicy, "tlsPolicy");
        if (credentials != null && (tlsPolicy == TlsPolicy.NONE || tlsPolicy == TlsPolicy.OPPORTUNISTIC)) {
            throw new IllegalArgumentException(
                    "Relay credentials need TLS: use TlsPolicy REQUIRED or VERIFIED, not " + tlsPolicy);
        }
    }

    /** Returns a submission relay on port 587 with STARTTLS and a verified certificate. */
    public static FallbackRelay submission(String host, @Nullable Credentials credentials) {
        return new FallbackRelay(host, 587, false, TlsPolicy.VERIFIED, credentials);
    }

    /** Returns a relay on port 465 with implicit TLS and a verified certificate. */
    public static FallbackRelay implicitTls(String host, @Nullable Credentials credentials) {
        return new FallbackRelay(host, 465, true, TlsPolicy.VERIFIED, credentials);
    }

    /** Returns a copy that connects to another port. */
    public FallbackRelay withPort(int newPort) {
        return new FallbackRelay(host, newPort, implicitTls, tlsPolicy, credentials);
    }

    /** Returns a copy that checks the certificate by another policy. */
    public FallbackRelay withTlsPolicy(TlsPolicy policy) {
        return new FallbackRelay(host, port, implicitTls, policy, credentials);
    }
}

package io.github.directdelivery.internal.delivery;

import io.github.directdelivery.DeliveryListener;
import io.github.directdelivery.FallbackRelay;
import io.github.directdelivery.RetrySettings;
import io.github.directdelivery.TlsPolicy;
import io.github.directdelivery.internal.smtp.SmtpSettings;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/** The long-lived parts of a client that every message shares. */
final class EngineParts {

    private final DeliverySettings settings;
    private final HostGuards guards;
    private final SessionPool pool;
    private final DeliveryListener listener;
    private final SmtpSettings ipv4;
    private final SmtpSettings ipv4Plaintext;
    private final SmtpSettings ipv6;
    private final SmtpSettings ipv6Plaintext;
    private final @Nullable SmtpSettings relay;
    private final DomainRetry clientRetry;
    private final DomainRetry singleAttempt = new DomainRetry(RetrySettings.none());

    EngineParts(DeliverySettings settings, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.guards = new HostGuards(settings);
        this.pool =
                new SessionPool(settings.maxConnectionsPerHost(), settings.idleConnectionTimeout(), settings.clock());
        this.listener = new SafeListener(settings.listener());
        this.ipv4 = mx(scheduler, settings.tlsPolicy(), settings.localIpv4Address());
        this.ipv4Plaintext = mx(scheduler, TlsPolicy.NONE, settings.localIpv4Address());
        this.ipv6 = mx(scheduler, settings.tlsPolicy(), settings.localIpv6Address());
        this.ipv6Plaintext = mx(scheduler, TlsPolicy.NONE, settings.localIpv6Address());
        this.clientRetry = new DomainRetry(settings.retry());
        FallbackRelay fallback = settings.fallbackRelay();
        this.relay = fallback == null
                ? null
                : base(scheduler, fallback.tlsPolicy(), null)
                        .relay(fallback.credentials(), fallback.implicitTls())
                        .build();
    }

    DeliverySettings settings() {
        return settings;
    }

    HostGuards guards() {
        return guards;
    }

    SessionPool pool() {
        return pool;
    }

    DeliveryListener listener() {
        return listener;
    }

    /** Returns the session settings for an MX address, with TLS as the policy requires or in plaintext. */
    SmtpSettings mxSettings(InetSocketAddress target, boolean plaintext) {
        boolean v6 = target.getAddress() instanceof Inet6Address;
        if (v6) {
            return plaintext ? ipv6Plaintext : ipv6;
        }
        return plaintext ? ipv4Plaintext : ipv4;
    }

    /** Returns the session settings for the fallback relay, or null when none is configured. */
    @Nullable
    SmtpSettings relaySettings() {
        return relay;
    }

    /**
     * Returns the retry for {@code retry}: the client's or a single attempt, both built once, or a
     * new one for other settings.
     */
    DomainRetry domainRetry(RetrySettings retry) {
        if (retry.equals(settings.retry())) {
            return clientRetry;
        }
        return retry.maxAttempts() == 1 ? singleAttempt : new DomainRetry(retry);
    }

    /** Returns a number in [0, 1) from the configured random source, which may not be thread-safe. */
    double nextRandom() {
        synchronized (settings.random()) {
            return settings.random().nextDouble();
        }
    }

    private SmtpSettings mx(ScheduledExecutorService scheduler, TlsPolicy policy, @Nullable InetAddress local) {
        return base(scheduler, policy, local).build();
    }

    private SmtpSettings.Builder base(
            ScheduledExecutorService scheduler, TlsPolicy policy, @Nullable InetAddress local) {
        return SmtpSettings.builder(settings.heloName(), scheduler)
                .tlsPolicy(policy)
                .timeouts(settings.timeouts())
                .localAddress(local)
                .verifiedTls(settings.verifiedTlsContext())
                .keepTranscript(settings.recordTranscript());
    }
}

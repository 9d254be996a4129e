package io.github.directdelivery.internal.delivery;

import io.github.directdelivery.DeliveryListener;
import io.github.directdelivery.FallbackRelay;
import io.github.directdelivery.MxResolver;
import io.github.directdelivery.RetrySettings;
import io.github.directdelivery.SmtpTimeouts;
import io.github.directdelivery.TlsPolicy;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/** The validated configuration of a client, as the public builder assembled it. */
public record DeliverySettings(
        String heloName,
        @Nullable Inet4Address localIpv4Address,
        @Nullable Inet6Address localIpv6Address,
        MxResolver resolver,
        TlsPolicy tlsPolicy,
        SSLContext verifiedTlsContext,
        SmtpTimeouts timeouts,
        Duration sendTimeout,
        RetrySettings retry,
        @Nullable Executor executor,
        int maxConcurrentDomains,
        int maxConnectionsPerHost,
        Duration idleConnectionTimeout,
        int circuitBreakerFailures,
        Duration circuitBreakerOpenDuration,
        int rateLimitPerHost,
        Duration rateLimitPeriod,
        Clock clock,
        RandomGenerator random,
        DeliveryListener listener,
        boolean allowLocalDestinations,
        int smtpPort,
        @Nullable FallbackRelay fallbackRelay,
        boolean recordTranscript) {}

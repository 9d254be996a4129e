package io.github.directdelivery.spring.internal;

import io.github.directdelivery.Credentials;
import io.github.directdelivery.DeliveryListener;
import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.FallbackRelay;
import io.github.directdelivery.QueueListener;
import io.github.directdelivery.RetrySchedule;
import io.github.directdelivery.RetrySettings;
import io.github.directdelivery.SmtpTimeouts;
import io.github.directdelivery.spring.DirectDeliveryProperties;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * Translates {@code direct-delivery.*} properties into the builders of the client and of the
 * durable spool, once, when each is built. Each value goes through the builder's own checks; a value they reject becomes an
 * {@link InvalidPropertyException} that names the property.
 */
public final class ClientSettings {

    private static final String PREFIX = "direct-delivery.";
    private static final int DNS_PORT = 53;

    private ClientSettings() {}

    /**
     * Returns a builder configured from {@code properties}, with {@code listener} installed.
     *
     * @throws InvalidPropertyException if a property has a value the client cannot use
     */
    public static DirectDelivery.Builder builder(DirectDeliveryProperties properties, DeliveryListener listener) {
        DirectDelivery.Builder builder = DirectDelivery.builder().listener(listener);
        applyHost(builder, properties);
        applyDns(builder, properties.getDns());
        builder.timeouts(timeouts(properties.getTimeouts()));
        builder.retry(retry(properties.getRetry()));
        FallbackRelay relay = fallbackRelay(properties.getFallbackRelay());
        if (relay != null) {
            builder.fallbackRelay(relay);
        }
        return builder;
    }

    /**
     * Returns a builder of the durable spool configured from {@code direct-delivery.spool.*}, which
     * delivers through {@code client} and reports to {@code listener}.
     *
     * @throws InvalidPropertyException if the spool directory is not set, or a property has a value
     *     the spool cannot use
     */
    public static DurableDelivery.Builder queueBuilder(
            DirectDelivery client, DirectDeliveryProperties.Spool spool, QueueListener listener) {
        Path directory = spool.getDirectory();
        if (directory == null) {
            throw new InvalidPropertyException(
                    PREFIX + "spool.directory",
                    null,
                    "submit mode stores each message in a spool directory before delivering it, so set one"
                            + " such as /var/spool/example-mail");
        }
        DurableDelivery.Builder builder =
                DurableDelivery.builder(client, directory).listener(listener);
        builder.retrySchedule(retrySchedule(spool));
        Duration delayNotice = spool.getDelayNoticeAfter();
        if (delayNotice != null) {
            check("spool.delay-notice-after", delayNotice, () -> builder.delayNoticeAfter(delayNotice));
        }
        check("spool.concurrency", spool.getConcurrency(), () -> builder.concurrency(spool.getConcurrency()));
        check(
                "spool.shutdown-timeout",
                spool.getShutdownTimeout(),
                () -> builder.shutdownTimeout(spool.getShutdownTimeout()));
        return builder.relayPendingOnClose(spool.isRelayPendingOnClose());
    }

    /**
     * Parses {@code direct-delivery.local-ipv4-address} or {@code local-ipv6-address}.
     *
     * @param name the property name after the prefix, such as {@code local-ipv4-address}
     * @param type {@code Inet4Address.class} or {@code Inet6Address.class}
     * @throws InvalidPropertyException if the value is not an address of that family
     */
    public static <T extends InetAddress> T localAddress(String name, String value, Class<T> type) {
        InetAddress address = check(name, value, () -> IpLiterals.parseAddress(value));
        if (!type.isInstance(address)) {
            String family = type == Inet4Address.class ? "IPv4" : "IPv6";
            throw new InvalidPropertyException(PREFIX + name, value, "expected an " + family + " address");
        }
        return type.cast(address);
    }

    private static void applyHost(DirectDelivery.Builder builder, DirectDeliveryProperties properties) {
        String heloName = properties.getHeloName();
        if (heloName != null) {
            check("helo-name", heloName, () -> builder.heloName(heloName));
        }
        String ipv4 = properties.getLocalIpv4Address();
        if (ipv4 != null) {
            builder.localIpv4Address(localAddress("local-ipv4-address", ipv4, Inet4Address.class));
        }
        String ipv6 = properties.getLocalIpv6Address();
        if (ipv6 != null) {
            builder.localIpv6Address(localAddress("local-ipv6-address", ipv6, Inet6Address.class));
        }
        check(
                "address-preference",
                properties.getAddressPreference(),
                () -> builder.addressPreference(properties.getAddressPreference()));
        check("tls-policy", properties.getTlsPolicy(), () -> builder.tlsPolicy(properties.getTlsPolicy()));
        check("smtp-port", properties.getSmtpPort(), () -> builder.smtpPort(properties.getSmtpPort()));
        builder.allowLocalDestinations(properties.isAllowLocalDestinations());
        check("send-timeout", properties.getSendTimeout(), () -> builder.sendTimeout(properties.getSendTimeout()));
    }

    private static void applyDns(DirectDelivery.Builder builder, DirectDeliveryProperties.Dns dns) {
        String server = dns.getServer();
        if (server != null) {
            check("dns.server", server, () -> builder.dnsServer(IpLiterals.parseSocketAddress(server, DNS_PORT)));
        }
        check("dns.timeout", dns.getTimeout(), () -> builder.dnsTimeout(dns.getTimeout()));
        check("dns.retries", dns.getRetries(), () -> builder.dnsRetries(dns.getRetries()));
    }

    private static SmtpTimeouts timeouts(DirectDeliveryProperties.Timeouts timeouts) {
        // The record checks all its limits at once, so each one is checked here first to name it.
        positive("timeouts.connect", timeouts.getConnect());
        positive("timeouts.greeting", timeouts.getGreeting());
        positive("timeouts.command", timeouts.getCommand());
        positive("timeouts.tls-handshake", timeouts.getTlsHandshake());
        positive("timeouts.mail", timeouts.getMail());
        positive("timeouts.rcpt", timeouts.getRcpt());
        positive("timeouts.data-start", timeouts.getDataStart());
        positive("timeouts.data-block", timeouts.getDataBlock());
        positive("timeouts.data-end", timeouts.getDataEnd());
        positive("timeouts.write", timeouts.getWrite());
        return new SmtpTimeouts(
                timeouts.getConnect(),
                timeouts.getGreeting(),
                timeouts.getCommand(),
                timeouts.getTlsHandshake(),
                timeouts.getMail(),
                timeouts.getRcpt(),
                timeouts.getDataStart(),
                timeouts.getDataBlock(),
                timeouts.getDataEnd(),
                timeouts.getWrite());
    }

    private static RetrySettings retry(DirectDeliveryProperties.Retry retry) {
        RetrySettings defaults = RetrySettings.defaults();
        // Each value is tried alone on top of valid defaults, so the error names the right property.
        check("retry.max-attempts", retry.getMaxAttempts(), () -> defaults.withMaxAttempts(retry.getMaxAttempts()));
        check(
                "retry.initial-interval",
                retry.getInitialInterval(),
                () -> defaults.withInitialInterval(retry.getInitialInterval()));
        check(
                "retry.multiplier",
                retry.getMultiplier(),
                () -> new RetrySettings(
                        defaults.maxAttempts(),
                        defaults.initialInterval(),
                        retry.getMultiplier(),
                        defaults.randomizationFactor(),
                        false));
        check(
                "retry.randomization-factor",
                retry.getRandomizationFactor(),
                () -> new RetrySettings(
                        defaults.maxAttempts(),
                        defaults.initialInterval(),
                        defaults.multiplier(),
                        retry.getRandomizationFactor(),
                        false));
        return new RetrySettings(
                retry.getMaxAttempts(),
                retry.getInitialInterval(),
                retry.getMultiplier(),
                retry.getRandomizationFactor(),
                retry.isRetryTransientReplies());
    }

    private static RetrySchedule retrySchedule(DirectDeliveryProperties.Spool spool) {
        // The record checks its values together, so each one is checked here first to name it.
        positive("spool.first-retry", spool.getFirstRetry());
        positive("spool.max-retry-interval", spool.getMaxRetryInterval());
        positive("spool.max-lifetime", spool.getMaxLifetime());
        if (spool.getMaxRetryInterval().compareTo(spool.getFirstRetry()) < 0) {
            throw new InvalidPropertyException(
                    PREFIX + "spool.max-retry-interval",
                    text(spool.getMaxRetryInterval()),
                    "the maximum pause must not be shorter than direct-delivery.spool.first-retry ("
                            + text(spool.getFirstRetry()) + ")");
        }
        RetrySchedule defaults = RetrySchedule.defaults();
        return new RetrySchedule(
                spool.getFirstRetry(),
                defaults.multiplier(),
                defaults.randomizationFactor(),
                spool.getMaxRetryInterval(),
                spool.getMaxLifetime());
    }

    private static @Nullable FallbackRelay fallbackRelay(DirectDeliveryProperties.FallbackRelay relay) {
        String host = relay.getHost();
        String username = relay.getUsername();
        String password = relay.getPassword();
        if (host == null) {
            if (username != null || password != null) {
                throw new InvalidPropertyException(
                        PREFIX + "fallback-relay.host", null, "relay credentials are set, but no relay host");
            }
            return null;
        }
        Credentials credentials = credentials(username, password);
        if (host.isBlank()) {
            throw new InvalidPropertyException(PREFIX + "fallback-relay.host", host, "the relay host is empty");
        }
        Integer configuredPort = relay.getPort();
        int port = configuredPort != null ? configuredPort : relay.isImplicitTls() ? 465 : 587;
        if (port < 1 || port > 65535) {
            throw new InvalidPropertyException(
                    PREFIX + "fallback-relay.port", port, "the port must be between 1 and 65535");
        }
        return check(
                "fallback-relay.tls-policy",
                relay.getTlsPolicy(),
                () -> new FallbackRelay(host, port, relay.isImplicitTls(), relay.getTlsPolicy(), credentials));
    }

    private static @Nullable Credentials credentials(@Nullable String username, @Nullable String password) {
        if (username == null && password == null) {
            return null;
        }
        if (username == null) {
            throw new InvalidPropertyException(
                    PREFIX + "fallback-relay.username",
                    null,
                    "a relay password is set, so the user name is needed too");
        }
        if (password == null) {
            throw new InvalidPropertyException(
                    PREFIX + "fallback-relay.password",
                    null,
                    "a relay user name is set, so the password is needed too");
        }
        check("fallback-relay.username", username, () -> new Credentials(username, "x"));
        // The password is checked under a placeholder value, so that the report never shows it.
        return check("fallback-relay.password", "(hidden)", () -> new Credentials(username, password));
    }

    private static void positive(String name, @Nullable Duration value) {
        if (value == null) {
            throw new InvalidPropertyException(PREFIX + name, null, "a duration such as 30s or 5m is required");
        }
        if (value.isZero() || value.isNegative()) {
            throw new InvalidPropertyException(PREFIX + name, text(value), "the duration must be positive");
        }
    }

    // Shows a duration as it is written in properties, such as 0s or 1500ms, rather than as PT0S.
    private static @Nullable Object text(@Nullable Object value) {
        if (!(value instanceof Duration duration)) {
            return value;
        }
        ChronoUnit unit = duration.toMillis() % 1000 == 0 ? ChronoUnit.SECONDS : ChronoUnit.MILLIS;
        return DurationStyle.SIMPLE.print(duration, unit);
    }

    private static <T> T check(String name, @Nullable Object value, Supplier<T> apply) {
        if (value == null) {
            throw new InvalidPropertyException(PREFIX + name, null, "a value is required");
        }
        try {
            return apply.get();
        } catch (IllegalArgumentException e) {
            String reason = Objects.requireNonNullElse(e.getMessage(), e.toString());
            throw new InvalidPropertyException(PREFIX + name, text(value), reason);
        }
    }
}

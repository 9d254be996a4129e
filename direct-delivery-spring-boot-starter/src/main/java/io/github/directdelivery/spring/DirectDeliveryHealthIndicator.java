package io.github.directdelivery.spring;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.spring.internal.ClientSettings;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports whether the direct-delivery client can send, with its settings and recent recipient
 * outcome counts. It never contacts a DNS server or an MX host, because a destination that is down
 * is no fault of this application.
 *
 * <p>The status is DOWN only when the client cannot send at all: it is closed, or a configured
 * local address ({@code direct-delivery.local-ipv4-address} or {@code local-ipv6-address}) is not
 * assigned to any network interface of this host, so no connection from it can open. Deferred and
 * failed recipients are reported in the details but leave the status UP, because they are normal
 * outcomes of mail delivery.
 *
 * <p>The settings in the details are the {@code direct-delivery.*} properties, which describe the
 * client only when the auto-configuration built it.
 */
public final class DirectDeliveryHealthIndicator implements HealthIndicator {

    private final DirectDelivery client;
    private final DirectDeliveryProperties properties;
    private final @Nullable RecentDeliveries deliveries;

    /**
     * Creates the indicator.
     *
     * @param deliveries the outcome counts to report, or null to report none
     */
    public DirectDeliveryHealthIndicator(
            DirectDelivery client, DirectDeliveryProperties properties, @Nullable RecentDeliveries deliveries) {
        this.client = Objects.requireNonNull(client, "client");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.deliveries = deliveries;
    }

    @Override
    public Health health() {
        Health.Builder health = new Health.Builder();
        String problem = problem();
        if (problem == null) {
            health.up();
        } else {
            health.down().withDetail("error", problem);
        }
        health.withDetails(settings());
        if (deliveries != null) {
            health.withDetail("recipients", outcomes(deliveries));
        }
        return health.build();
    }

    private @Nullable String problem() {
        if (client.isClosed()) {
            return "The client is closed, so it cannot send; it closes when the application shuts down";
        }
        String ipv4 = properties.getLocalIpv4Address();
        if (ipv4 != null) {
            String missing = unassigned(
                    "local-ipv4-address", ClientSettings.localAddress("local-ipv4-address", ipv4, Inet4Address.class));
            if (missing != null) {
                return missing;
            }
        }
        String ipv6 = properties.getLocalIpv6Address();
        if (ipv6 != null) {
            return unassigned(
                    "local-ipv6-address", ClientSettings.localAddress("local-ipv6-address", ipv6, Inet6Address.class));
        }
        return null;
    }

    private static @Nullable String unassigned(String property, InetAddress address) {
        try {
            if (NetworkInterface.getByInetAddress(address) != null) {
                return null;
            }
        } catch (SocketException e) {
            // The interfaces could not be listed, which is no proof that the address is missing.
            return null;
        }
        return "The local address " + address.getHostAddress() + " is not assigned to any network interface of "
                + "this host, so no connection can be opened from it; change direct-delivery." + property;
    }

    private Map<String, Object> settings() {
        Map<String, Object> details = new LinkedHashMap<>();
        String heloName = properties.getHeloName();
        details.put("heloName", heloName != null ? heloName : "(this host's name)");
        details.put("tlsPolicy", properties.getTlsPolicy());
        details.put("smtpPort", properties.getSmtpPort());
        String dnsServer = properties.getDns().getServer();
        details.put("dnsServer", dnsServer != null ? dnsServer : "(system resolver)");
        details.put("allowLocalDestinations", properties.isAllowLocalDestinations());
        String relay = properties.getFallbackRelay().getHost();
        details.put("fallbackRelay", relay != null ? relay : "(none)");
        return details;
    }

    private static Map<String, Object> outcomes(RecentDeliveries deliveries) {
        Map<String, Object> outcomes = new LinkedHashMap<>();
        outcomes.put("total", deliveries.total().asMap());
        outcomes.put("recent", deliveries.recent().asMap());
        outcomes.put("recentWindow", deliveries.windowSize());
        Instant last = deliveries.lastCompleted();
        if (last != null) {
            outcomes.put("lastCompleted", last.toString());
        }
        return outcomes;
    }
}

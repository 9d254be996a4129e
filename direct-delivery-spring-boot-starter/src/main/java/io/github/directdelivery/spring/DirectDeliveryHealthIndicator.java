package io.github.directdelivery.spring;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.QueueStats;
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
 * <p>When a {@link DurableDelivery} spool exists, the details also hold its state under
 * {@code spool}: {@code directory}, {@code messages}, {@code pendingRecipients}, {@code inFlight},
 * {@code oldestMessageAge} (ISO-8601, such as {@code PT2H30M}) and {@code quarantinedFiles}, read
 * from {@link DurableDelivery#stats()}, which touches neither the network nor the disk. A closed
 * spool accepts no messages, so it turns the status DOWN. Old messages and quarantined files leave
 * the status UP on purpose: they need an operator, not a restart, and orchestrators restart
 * instances that report DOWN, which would only interrupt the deliveries in progress. Alert on the
 * spool meters or on these details instead.
 *
 * <p>The settings in the details are the {@code direct-delivery.*} properties, which describe the
 * client only when the auto-configuration built it.
 */
public final class DirectDeliveryHealthIndicator implements HealthIndicator {

    private final DirectDelivery client;
    private final DirectDeliveryProperties properties;
    private final @Nullable RecentDeliveries deliveries;
    private final @Nullable DurableDelivery spool;

    /**
     * Creates the indicator for a client without a spool.
     *
     * @param deliveries the outcome counts to report, or null to report none
     */
    public DirectDeliveryHealthIndicator(
            DirectDelivery client, DirectDeliveryProperties properties, @Nullable RecentDeliveries deliveries) {
        this(client, properties, deliveries, null);
    }

    /**
     * Creates the indicator.
     *
     * @param deliveries the outcome counts to report, or null to report none
     * @param spool the durable spool whose state to report, or null when there is none
     */
    public DirectDeliveryHealthIndicator(
            DirectDelivery client,
            DirectDeliveryProperties properties,
            @Nullable RecentDeliveries deliveries,
            @Nullable DurableDelivery spool) {
        this.client = Objects.requireNonNull(client, "client");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.deliveries = deliveries;
        this.spool = spool;
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
        if (spool != null) {
            health.withDetail("spool", spoolDetails(spool));
        }
        return health.build();
    }

    private @Nullable String problem() {
        if (client.isClosed()) {
            return "The client is closed, so it cannot send; it closes when the application shuts down";
        }
        if (spool != null && spool.isClosed()) {
            return "The spool is closed, so it accepts no messages; it closes when the application shuts down";
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
        details.put("mode", properties.getMode());
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

    private static Map<String, Object> spoolDetails(DurableDelivery spool) {
        QueueStats stats = spool.stats();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("directory", spool.spoolDirectory().toString());
        details.put("messages", stats.messages());
        details.put("pendingRecipients", stats.pendingRecipients());
        details.put("inFlight", stats.inFlight());
        details.put("oldestMessageAge", stats.oldestMessageAge().toString());
        details.put("quarantinedFiles", stats.quarantinedFiles());
        return details;
    }
}

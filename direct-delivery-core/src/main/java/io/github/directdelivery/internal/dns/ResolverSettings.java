package io.github.directdelivery.internal.dns;

import io.github.directdelivery.AddressPreference;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The validated settings of an MX resolver; see {@code MxResolver.Builder} for each one's meaning.
 *
 * @param dnsServer the DNS server to ask, or null for the servers of the system configuration
 * @param clock the clock by which cached answers and routes expire
 */
public record ResolverSettings(
        @Nullable InetSocketAddress dnsServer,
        Duration timeout,
        int retries,
        AddressPreference addressPreference,
        int maxHosts,
        int maxAddresses,
        boolean allowLocalDestinations,
        RandomGenerator random,
        Clock clock) {}

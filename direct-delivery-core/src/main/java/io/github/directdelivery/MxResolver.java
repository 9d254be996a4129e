package io.github.directdelivery;

import io.github.directdelivery.internal.dns.DomainNames;
import io.github.directdelivery.internal.dns.ResolverSettings;
import io.github.directdelivery.internal.dns.RouteResolver;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Finds where mail for a domain goes: its MX hosts in the order to try them, with their addresses
 * (RFC 5321 §5.1).
 *
 * <pre>{@code
 * MxResolver resolver = MxResolver.builder().build();
 * Route route = resolver.resolve("example.com");
 * if (route instanceof ResolvedRoute resolved) {
 *     for (MxHost host : resolved.hosts()) { ... }
 * }
 * }</pre>
 *
 * <p>What a domain's DNS data gives:
 *
 * <ul>
 *   <li>MX records: their hosts, by preference, lowest first; hosts of equal preference in random
 *       order. A host that is a CNAME is followed to its addresses. A target that is an IP address
 *       literal, or the root among other records, is skipped with a warning.
 *   <li>No MX record: the domain itself is the only host ({@link ResolvedRoute#implicitMx()}).
 *   <li>A null MX ({@code MX 0 .}, RFC 7505): {@link UnresolvedRoute} FAILED with
 *       {@link EnhancedStatusCode#NULL_MX 5.1.10}, and no address is looked up.
 *   <li>No such domain (NXDOMAIN): FAILED with {@link EnhancedStatusCode#BAD_DESTINATION_SYSTEM 5.1.2}.
 *   <li>SERVFAIL, REFUSED, a timeout or any other error: DEFERRED with
 *       {@link EnhancedStatusCode#DIRECTORY_SERVER_FAILURE 4.4.3}. A DNS failure is never permanent.
 *   <li>No host with a usable address: FAILED with {@link EnhancedStatusCode#UNABLE_TO_ROUTE 5.4.4},
 *       or DEFERRED with 4.4.3 when one of the address lookups failed.
 * </ul>
 *
 * <p>Addresses that are not publicly routable (loopback, private, link-local, documentation and
 * the other special-purpose ranges, also in their IPv4-mapped, NAT64 and 6to4 forms) are dropped
 * with a warning unless {@link Builder#allowLocalDestinations(boolean)} allows them, so that a
 * hostile domain cannot make the sender connect into its own network.
 *
 * <p>Answers are cached for their TTL and negative answers for the SOA minimum (RFC 2308), in a
 * cache that belongs to this instance; failures are not cached. A route is built again from the
 * cached answers, without a lookup, until the shortest TTL among them has passed, and hosts of
 * equal preference are shuffled anew for every resolution. Instances are immutable and
 * thread-safe: build one and share it.
 */
public final class MxResolver {

    /** The default time to wait for the answer to one DNS query: 5 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** The default number of times a query without an answer is sent again: {@value}. */
    public static final int DEFAULT_RETRIES = 1;

    /** The default maximum number of MX hosts in a route: {@value}. */
    public static final int DEFAULT_MAX_HOSTS = 5;

    /** The default maximum number of addresses in a route, over all its hosts: {@value}. */
    public static final int DEFAULT_MAX_ADDRESSES = 5;

    private final RouteResolver resolver;
    private final ResolverSettings settings;

    private MxResolver(ResolverSettings settings) {
        this.settings = settings;
        this.resolver = new RouteResolver(settings);
    }

    /** Returns a builder with the defaults described on each setter. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Resolves the route of {@code domain}, blocking until the DNS answers are in or have timed
     * out. Equivalent to {@code resolveAsync(domain).join()}.
     *
     * @param domain a domain such as {@code example.com}; internationalised names such as
     *     {@code bücher.example} are looked up by their A-label; one trailing dot is accepted
     * @return the route; a DNS failure gives an {@link UnresolvedRoute}, never an exception
     * @throws IllegalArgumentException if {@code domain} is not a valid domain name, or needs
     *     ICU4J to be converted and ICU4J is not on the class path
     * @throws IllegalStateException if the system property
     *     {@code io.github.directdelivery.loopbackOnly} is {@code true} and the DNS server is not a
     *     loopback address or was not set
     */
    public Route resolve(String domain) {
        try {
            return resolveAsync(domain).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Resolves the route of {@code domain} without blocking. The returned future completes with
     * the route, also when the DNS lookups fail; it completes exceptionally only on a bug.
     *
     * @param domain a domain as for {@link #resolve(String)}
     * @throws IllegalArgumentException if {@code domain} is not a valid domain name; thrown at
     *     once, before any query
     * @throws IllegalStateException as for {@link #resolve(String)}, at once, before any query
     */
    public CompletableFuture<Route> resolveAsync(String domain) {
        return resolver.resolve(DomainNames.toAscii(domain));
    }

    @Override
    public String toString() {
        return "MxResolver[dnsServers=" + resolver.servers() + ", timeout=" + settings.timeout() + ", retries="
                + settings.retries() + ", addressPreference=" + settings.addressPreference() + ", maxHosts="
                + settings.maxHosts() + ", maxAddresses=" + settings.maxAddresses() + ", allowLocalDestinations="
                + settings.allowLocalDestinations() + "]";
    }

    /**
     * Configures an {@link MxResolver}. Each setter checks its value at once and throws with a
     * message that names it. Not thread-safe.
     */
    public static final class Builder {

        private @Nullable InetSocketAddress dnsServer;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int retries = DEFAULT_RETRIES;
        private AddressPreference addressPreference = AddressPreference.IPV4_FIRST;
        private int maxHosts = DEFAULT_MAX_HOSTS;
        private int maxAddresses = DEFAULT_MAX_ADDRESSES;
        private boolean allowLocalDestinations;
        private @Nullable RandomGenerator random;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Sets the DNS server to ask, a recursive resolver. By default the servers of the system
         * configuration are asked ({@code /etc/resolv.conf} on Unix), in order.
         *
         * @throws IllegalArgumentException if the address is unresolved or its port is 0
         * @throws NullPointerException if {@code dnsServer} is null
         */
        public Builder dnsServer(InetSocketAddress dnsServer) {
            Objects.requireNonNull(dnsServer, "dnsServer must not be null");
            if (dnsServer.isUnresolved()) {
                throw new IllegalArgumentException("dnsServer must be an IP address and port, not the unresolved name "
                        + dnsServer.getHostString());
            }
            if (dnsServer.getPort() == 0) {
                throw new IllegalArgumentException("dnsServer port must be between 1 and 65535, not 0");
            }
            this.dnsServer = dnsServer;
            return this;
        }

        /**
         * Sets how long to wait for the answer to one DNS query before sending it again or giving
         * up. Default: 5 seconds, as in the Unix resolver ({@code resolv.conf}). A
         * lookup that times out on every try makes the route DEFERRED.
         *
         * <p>NOTE: dnsjava checks query timeouts about once a second, so a query may wait up to a
         * second longer than this timeout before it is sent again or given up.
         *
         * @throws IllegalArgumentException if {@code timeout} is shorter than one millisecond
         * @throws NullPointerException if {@code timeout} is null
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout must not be null");
            if (timeout.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("timeout must be at least 1 ms, not " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets how many times a query without an answer is sent again to each server. Default:
         * {@value #DEFAULT_RETRIES}, so each query is sent at most twice per server. A truncated
         * UDP answer is always asked again over TCP, which does not count as a retry.
         *
         * @throws IllegalArgumentException if {@code retries} is negative
         */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be 0 or more, not " + retries);
            }
            this.retries = retries;
            return this;
        }

        /**
         * Sets which address families are looked up and tried first. Default:
         * {@link AddressPreference#IPV4_FIRST}. With {@code IPV4_ONLY} or {@code IPV6_ONLY} the
         * other family is not looked up at all.
         *
         * @throws NullPointerException if {@code addressPreference} is null
         */
        public Builder addressPreference(AddressPreference addressPreference) {
            this.addressPreference = Objects.requireNonNull(addressPreference, "addressPreference must not be null");
            return this;
        }

        /**
         * Sets the maximum number of MX hosts in a route, that is the hosts one delivery attempt
         * tries. Default: {@value #DEFAULT_MAX_HOSTS}. Hosts without a usable address do not
         * count.
         *
         * @throws IllegalArgumentException if {@code maxHosts} is less than 1
         */
        public Builder maxHosts(int maxHosts) {
            if (maxHosts < 1) {
                throw new IllegalArgumentException("maxHosts must be at least 1, not " + maxHosts);
            }
            this.maxHosts = maxHosts;
            return this;
        }

        /**
         * Sets the maximum number of addresses in a route, over all its hosts, that is the
         * connections one delivery attempt may open. Default: {@value #DEFAULT_MAX_ADDRESSES}, as
         * Postfix's {@code smtp_mx_address_limit}. When the first hosts use them up, the route
         * lists fewer hosts than {@link #maxHosts(int)}.
         *
         * @throws IllegalArgumentException if {@code maxAddresses} is less than 1
         */
        public Builder maxAddresses(int maxAddresses) {
            if (maxAddresses < 1) {
                throw new IllegalArgumentException("maxAddresses must be at least 1, not " + maxAddresses);
            }
            this.maxAddresses = maxAddresses;
            return this;
        }

        /**
         * Sets whether addresses that are not publicly routable (loopback, private, link-local,
         * documentation and other special-purpose ranges) may appear in routes. Default:
         * {@code false}, so that a domain cannot direct mail into the sender's own network. Tests
         * that publish such addresses in a local DNS server set it to {@code true}.
         */
        public Builder allowLocalDestinations(boolean allowLocalDestinations) {
            this.allowLocalDestinations = allowLocalDestinations;
            return this;
        }

        /**
         * Sets the random source that shuffles MX hosts of equal preference. Default: a new
         * {@link SplittableRandom} per resolver. The resolver uses it while holding the
         * generator's own monitor ({@code synchronized (random)}), so it need not be thread-safe,
         * but other code that uses it at the same time must lock it in the same way. Tests pass a
         * seeded generator to get a known order.
         *
         * @throws NullPointerException if {@code random} is null
         */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random must not be null");
            return this;
        }

        /**
         * Sets the clock by which cached DNS answers and routes expire. Default: the system UTC
         * clock. Tests pass a clock they can advance to expire the cache.
         *
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Builds the resolver. Without {@link #dnsServer(InetSocketAddress)}, reads the system's
         * DNS configuration now.
         */
        public MxResolver build() {
            RandomGenerator source = random != null ? random : new SplittableRandom();
            return new MxResolver(new ResolverSettings(
                    dnsServer,
                    timeout,
                    retries,
                    addressPreference,
                    maxHosts,
                    maxAddresses,
                    allowLocalDestinations,
                    source,
                    clock));
        }
    }
}

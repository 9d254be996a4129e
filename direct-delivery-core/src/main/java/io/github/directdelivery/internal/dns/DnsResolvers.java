package io.github.directdelivery.internal.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;

/** Creates the dnsjava resolvers that send the queries, configured per instance. */
final class DnsResolvers {

    /**
     * How often dnsjava checks query timeouts: the default and largest value of its
     * {@code dnsjava.nio.selector_timeout} property, in dnsjava 3.6.
     */
    private static final Duration SELECTOR_CYCLE = Duration.ofSeconds(1);

    private DnsResolvers() {}

    /** Returns the DNS servers of the system configuration ({@code /etc/resolv.conf} and its equivalents). */
    static List<InetSocketAddress> systemServers() {
        return List.copyOf(ResolverConfig.getCurrentConfig().servers());
    }

    /**
     * Creates a resolver that asks {@code servers} in order. Each query waits {@code timeout} for an
     * answer and is sent {@code retries} more times to each server when none comes. An answer over
     * UDP with the TC bit set is asked again over TCP (RFC 7766).
     */
    static Resolver create(List<InetSocketAddress> servers, Duration timeout, int retries) {
        List<Resolver> resolvers = new ArrayList<>(servers.size());
        for (InetSocketAddress server : servers) {
            SimpleResolver resolver = new SimpleResolver(server);
            resolver.setTimeout(timeout);
            resolver.setIgnoreTruncation(false);
            resolvers.add(resolver);
        }

        ExtendedResolver resolver = new ExtendedResolver(resolvers);
        int attempts = retries + 1;
        // ExtendedResolver counts the first query among its "retries".
        resolver.setRetries(attempts);
        // Its own deadline only backs up the per-query timeouts, which decide when to give up. It
        // allows for dnsjava checking those timeouts only once per selector cycle.
        Duration perAttempt = timeout.plus(SELECTOR_CYCLE);
        resolver.setTimeout(perAttempt.multipliedBy((long) attempts * servers.size() + 1));
        return resolver;
    }
}

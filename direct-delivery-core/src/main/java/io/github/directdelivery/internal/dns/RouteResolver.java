package io.github.directdelivery.internal.dns;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.Route;
import io.github.directdelivery.UnresolvedRoute;
import io.github.directdelivery.internal.net.LoopbackOnly;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Resolves a domain to its route (RFC 5321 §5.1): the MX records, a null MX (RFC 7505), the
 * implicit MX, the hosts' addresses, and the classification of every DNS failure as permanent or
 * temporary. Thread-safe; one instance is shared by all resolutions of an {@code MxResolver}.
 */
public final class RouteResolver {

    private static final Logger LOG = LoggerFactory.getLogger(RouteResolver.class);

    private final List<InetSocketAddress> servers;
    private final boolean systemServers;
    private final DnsClient client;
    private final AddressLookup addressLookup;
    private final int maxHosts;
    private final int maxAddresses;
    // Used under a lock on itself, because it need not be thread-safe and the delivery engine
    // that owns the same generator locks it too.
    private final RandomGenerator random;
    private final RouteCache cache;

    /** Creates a resolver with its own DNS cache. */
    public RouteResolver(ResolverSettings settings) {
        InetSocketAddress dnsServer = settings.dnsServer();
        this.systemServers = dnsServer == null;
        this.servers = dnsServer == null ? DnsResolvers.systemServers() : List.of(dnsServer);
        this.client =
                new DnsClient(DnsResolvers.create(servers, settings.timeout(), settings.retries()), settings.clock());
        this.addressLookup = new AddressLookup(client, settings.addressPreference(), settings.allowLocalDestinations());
        this.maxHosts = settings.maxHosts();
        this.maxAddresses = settings.maxAddresses();
        this.random = settings.random();
        this.cache = new RouteCache(settings.clock());
    }

    /** Returns the DNS servers that are asked, in order. */
    public List<InetSocketAddress> servers() {
        return servers;
    }

    /**
     * Resolves the route of {@code domain}. Every DNS failure becomes an {@link UnresolvedRoute}, so
     * the future fails only on a bug or an {@link Error}. A route is built again from the answers
     * of an earlier resolution until the shortest TTL among them has passed, with hosts of equal
     * preference shuffled anew each time.
     *
     * @param domain a domain in ASCII without a trailing dot, as returned by {@link DomainNames#toAscii}
     * @throws IllegalStateException if loopback-only mode is on and a DNS server is not on
     *     loopback or none was set. The check comes first, so no query has been sent then
     */
    public CompletableFuture<Route> resolve(String domain) {
        checkServers();
        RouteCache.Entry cached = cache.get(domain);
        if (cached != null) {
            return route(domain, cached);
        }
        return client.lookup(AddressLookup.absoluteName(domain), Type.MX)
                .thenCompose(answer -> route(domain, entry(domain, answer)))
                .thenApply(route -> {
                    LOG.debug("Resolved {}: {}", domain, route);
                    return route;
                });
    }

    private void checkServers() {
        if (systemServers && LoopbackOnly.enabled()) {
            // A stub resolver on loopback would still forward to the Internet, so tests must set a server.
            throw new IllegalStateException("Refusing to use the system's DNS servers " + servers + ": "
                    + LoopbackOnly.PROPERTY + " is set, so a loopback DNS server must be set explicitly");
        }
        for (InetSocketAddress server : servers) {
            LoopbackOnly.check(server, "DNS server");
        }
    }

    /** Turns the MX answer into a cache entry, and keeps the entry if the answer may be kept. */
    private RouteCache.Entry entry(String domain, DnsAnswer answer) {
        Instant expires = answer.expiry();
        RouteCache.Entry entry = newEntry(domain, answer, expires != null ? expires : Instant.MIN);
        if (expires != null) {
            cache.put(domain, entry);
        }
        return entry;
    }

    private RouteCache.Entry newEntry(String domain, DnsAnswer answer, Instant expires) {
        if (answer instanceof DnsAnswer.NoSuchDomain) {
            return new RouteCache.Final(
                    failed(
                            domain,
                            EnhancedStatusCode.BAD_DESTINATION_SYSTEM,
                            "Domain " + domain + " does not exist (NXDOMAIN)"),
                    expires);
        }
        if (answer instanceof DnsAnswer.TemporaryFailure failure) {
            return new RouteCache.Final(
                    new UnresolvedRoute(
                            domain,
                            DeliveryStatus.DEFERRED,
                            EnhancedStatusCode.DIRECTORY_SERVER_FAILURE,
                            failure.reason(),
                            List.of()),
                    expires);
        }

        List<MXRecord> records = answer instanceof DnsAnswer.Found found ? mxRecords(found.records()) : List.of();
        if (records.isEmpty()) {
            // RFC 5321 §5.1: without MX records, the domain itself is the only host, with preference 0.
            return new RouteCache.Hosts(true, List.of(new MxTarget(domain, 0)), List.of(), expires);
        }
        if (MxRecords.isNullMx(records)) {
            return new RouteCache.Final(
                    failed(
                            domain,
                            EnhancedStatusCode.NULL_MX,
                            "Domain " + domain + " accepts no mail: it publishes a null MX record (RFC 7505)"),
                    expires);
        }
        MxRecords.Selection selection = MxRecords.select(domain, records);
        return new RouteCache.Hosts(false, selection.targets(), selection.warnings(), expires);
    }

    private CompletableFuture<Route> route(String domain, RouteCache.Entry entry) {
        if (entry instanceof RouteCache.Final done) {
            return done(done.route());
        }
        RouteCache.Hosts hosts = (RouteCache.Hosts) entry;
        List<MxTarget> ordered;
        if (hosts.implicitMx()) {
            ordered = hosts.targets();
        } else {
            // RFC 5321 §5.1: hosts of equal preference are tried in random order, shuffled on each use.
            synchronized (random) {
                ordered = MxOrdering.order(hosts.targets(), random);
            }
        }
        return lookUpHosts(
                hosts, new RouteAttempt(domain, hosts.implicitMx(), ordered, hosts.warnings(), maxHosts, maxAddresses));
    }

    /**
     * Adds the next batch of hosts, then the batch after it, until the attempt is complete. Hosts
     * whose addresses are cached are added at once; the others are looked up together.
     */
    private CompletableFuture<Route> lookUpHosts(RouteCache.Hosts entry, RouteAttempt attempt) {
        while (!attempt.isComplete()) {
            List<MxTarget> batch = attempt.nextBatch();
            List<CompletableFuture<HostAddresses>> lookups = new ArrayList<>(batch.size());
            boolean allCached = true;
            for (MxTarget target : batch) {
                HostAddresses cached = cache.addresses(entry, target);
                if (cached != null) {
                    lookups.add(CompletableFuture.completedFuture(cached));
                } else {
                    allCached = false;
                    lookups.add(addressLookup
                            .lookup(attempt.domain(), target)
                            .thenApply(host -> cache.remember(entry, host)));
                }
            }
            if (!allCached) {
                return CompletableFuture.allOf(lookups.toArray(new CompletableFuture<?>[0]))
                        .thenCompose(ignored -> {
                            lookups.forEach(lookup -> attempt.add(lookup.join()));
                            return lookUpHosts(entry, attempt);
                        });
            }
            lookups.forEach(lookup -> attempt.add(lookup.join()));
        }
        return done(attempt.toRoute());
    }

    private static List<MXRecord> mxRecords(List<Record> records) {
        List<MXRecord> result = new ArrayList<>(records.size());
        for (Record record : records) {
            if (record instanceof MXRecord mx) {
                result.add(mx);
            }
        }
        return result;
    }

    private static UnresolvedRoute failed(String domain, EnhancedStatusCode code, String reason) {
        return new UnresolvedRoute(domain, DeliveryStatus.FAILED, code, reason, List.of());
    }

    private static CompletableFuture<Route> done(Route route) {
        return CompletableFuture.completedFuture(route);
    }
}

package io.github.directdelivery.internal.dns;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.Route;
import io.github.directdelivery.UnresolvedRoute;
import io.github.directdelivery.internal.net.LoopbackOnly;
import java.net.InetSocketAddress;
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
    private final RandomGenerator random;
    // Guards random, which need not be thread-safe.
    private final Object randomLock = new Object();

    /** Creates a resolver with its own DNS cache. */
    public RouteResolver(ResolverSettings settings) {
        InetSocketAddress dnsServer = settings.dnsServer();
        this.systemServers = dnsServer == null;
        this.servers = dnsServer == null ? DnsResolvers.systemServers() : List.of(dnsServer);
        this.client = new DnsClient(DnsResolvers.create(servers, settings.timeout(), settings.retries()));
        this.addressLookup = new AddressLookup(client, settings.addressPreference(), settings.allowLocalDestinations());
        this.maxHosts = settings.maxHosts();
        this.maxAddresses = settings.maxAddresses();
        this.random = settings.random();
    }

    /** Returns the DNS servers that are asked, in order. */
    public List<InetSocketAddress> servers() {
        return servers;
    }

    /**
     * Resolves the route of {@code domain}. Every DNS failure becomes an {@link UnresolvedRoute}, so
     * the future fails only on a bug or an {@link Error}.
     *
     * @param domain a domain in ASCII without a trailing dot, as returned by {@link DomainNames#toAscii}
     * @throws IllegalStateException if loopback-only mode is on and a DNS server is not on
     *     loopback or none was set. The check comes first, so no query has been sent then
     */
    public CompletableFuture<Route> resolve(String domain) {
        checkServers();
        return client.lookup(AddressLookup.absoluteName(domain), Type.MX)
                .thenCompose(answer -> route(domain, answer))
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

    private CompletableFuture<Route> route(String domain, DnsAnswer answer) {
        if (answer instanceof DnsAnswer.NoSuchDomain) {
            return done(failed(
                    domain,
                    EnhancedStatusCode.BAD_DESTINATION_SYSTEM,
                    "Domain " + domain + " does not exist (NXDOMAIN)"));
        }
        if (answer instanceof DnsAnswer.TemporaryFailure failure) {
            return done(new UnresolvedRoute(
                    domain,
                    DeliveryStatus.DEFERRED,
                    EnhancedStatusCode.DIRECTORY_SERVER_FAILURE,
                    failure.reason(),
                    List.of()));
        }

        List<MXRecord> records = answer instanceof DnsAnswer.Found found ? mxRecords(found.records()) : List.of();
        if (records.isEmpty()) {
            // RFC 5321 §5.1: without MX records, the domain itself is the only host, with preference 0.
            return lookUpHosts(new RouteAttempt(
                    domain, true, List.of(new MxTarget(domain, 0)), List.of(), maxHosts, maxAddresses));
        }
        if (MxRecords.isNullMx(records)) {
            return done(failed(
                    domain,
                    EnhancedStatusCode.NULL_MX,
                    "Domain " + domain + " accepts no mail: it publishes a null MX record (RFC 7505)"));
        }

        MxRecords.Selection selection = MxRecords.select(domain, records);
        List<MxTarget> ordered;
        synchronized (randomLock) {
            ordered = MxOrdering.order(selection.targets(), random);
        }
        return lookUpHosts(new RouteAttempt(domain, false, ordered, selection.warnings(), maxHosts, maxAddresses));
    }

    /** Looks up the next batch of hosts, then the batch after it, until the attempt is complete. */
    private CompletableFuture<Route> lookUpHosts(RouteAttempt attempt) {
        List<CompletableFuture<HostAddresses>> lookups = new ArrayList<>();
        for (MxTarget target : attempt.nextBatch()) {
            lookups.add(addressLookup.lookup(attempt.domain(), target));
        }
        return CompletableFuture.allOf(lookups.toArray(new CompletableFuture<?>[0]))
                .thenCompose(ignored -> {
                    lookups.forEach(lookup -> attempt.add(lookup.join()));
                    return attempt.isComplete() ? done(attempt.toRoute()) : lookUpHosts(attempt);
                });
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

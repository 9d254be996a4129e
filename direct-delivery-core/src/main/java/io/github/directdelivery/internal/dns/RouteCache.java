package io.github.directdelivery.internal.dns;

import io.github.directdelivery.Route;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The DNS data that routes were built from, per domain, so that a route can be built again without
 * a lookup until the shortest TTL among its answers has passed. It keeps the MX selection before
 * its hosts are ordered, so that hosts of equal preference can be shuffled anew on every use, and
 * each host's addresses, which may expire before or after the MX records. Answers that must not be
 * kept (temporary failures, answers with no noted expiry) are never stored. Thread-safe.
 */
final class RouteCache {

    /** The maximum number of domains kept. When the cache is full, expired entries are dropped first. */
    static final int MAX_DOMAINS = 10_000;

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    RouteCache(Clock clock) {
        this.clock = clock;
    }

    /** The result of a domain's MX lookup. */
    sealed interface Entry {

        /** Returns when the MX answer expires. */
        Instant expires();
    }

    /** A route that needs no address lookup, such as a null MX or NXDOMAIN. */
    record Final(Route route, Instant expires) implements Entry {}

    /**
     * The hosts of an MX answer, or the domain itself as its implicit MX, with the addresses of
     * those looked up so far.
     *
     * @param targets the hosts in the order of the records, not yet ordered for delivery
     * @param warnings the records that were skipped
     */
    record Hosts(
            boolean implicitMx,
            List<MxTarget> targets,
            List<String> warnings,
            Instant expires,
            Map<MxTarget, HostAddresses> addresses)
            implements Entry {

        Hosts(boolean implicitMx, List<MxTarget> targets, List<String> warnings, Instant expires) {
            this(implicitMx, List.copyOf(targets), List.copyOf(warnings), expires, new ConcurrentHashMap<>());
        }
    }

    /** Returns the domain's entry if it has not expired, and drops it if it has. */
    @Nullable
    Entry get(String domain) {
        Entry entry = entries.get(domain);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(domain, entry);
            return null;
        }
        return entry;
    }

    /** Keeps the entry until it expires; an entry that has expired already is not kept. */
    void put(String domain, Entry entry) {
        Instant now = clock.instant();
        if (!now.isBefore(entry.expires())) {
            return;
        }
        if (entries.size() >= MAX_DOMAINS) {
            makeRoom(now);
        }
        entries.put(domain, entry);
    }

    /** Returns a host's addresses from the entry if they have not expired. */
    @Nullable
    HostAddresses addresses(Hosts entry, MxTarget target) {
        HostAddresses host = entry.addresses().get(target);
        Instant expires = host != null ? host.expires() : null;
        if (host == null || expires == null || !clock.instant().isBefore(expires)) {
            return null;
        }
        return host;
    }

    /** Keeps a host's addresses in the entry, if they may be kept, and returns them. */
    HostAddresses remember(Hosts entry, HostAddresses host) {
        Instant expires = host.expires();
        if (expires != null && clock.instant().isBefore(expires)) {
            entry.addresses().put(host.target(), host);
        }
        return host;
    }

    private void makeRoom(Instant now) {
        entries.values().removeIf(entry -> !now.isBefore(entry.expires()));
        Iterator<String> domains = entries.keySet().iterator();
        while (entries.size() >= MAX_DOMAINS && domains.hasNext()) {
            domains.next();
            domains.remove();
        }
    }
}

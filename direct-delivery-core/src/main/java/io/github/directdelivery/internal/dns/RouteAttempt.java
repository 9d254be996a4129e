package io.github.directdelivery.internal.dns;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.MxHost;
import io.github.directdelivery.ResolvedRoute;
import io.github.directdelivery.Route;
import io.github.directdelivery.UnresolvedRoute;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The route of one domain while its hosts' addresses are looked up, in batches, until the caps on
 * hosts and addresses are reached or no candidate is left. Not thread-safe: each step runs after
 * the previous one has finished.
 */
final class RouteAttempt {

    private final String domain;
    private final boolean implicitMx;
    private final Deque<MxTarget> candidates;
    private final int maxHosts;
    private final int maxAddresses;
    private final List<MxHost> hosts = new ArrayList<>();
    private final List<String> warnings;
    private int addressCount;
    private boolean temporaryFailure;

    RouteAttempt(
            String domain,
            boolean implicitMx,
            List<MxTarget> candidates,
            List<String> warnings,
            int maxHosts,
            int maxAddresses) {
        this.domain = domain;
        this.implicitMx = implicitMx;
        this.candidates = new ArrayDeque<>(candidates);
        this.warnings = new ArrayList<>(warnings);
        this.maxHosts = maxHosts;
        this.maxAddresses = maxAddresses;
    }

    String domain() {
        return domain;
    }

    /** Removes and returns the next candidates to look up: as many as there are places for hosts. */
    List<MxTarget> nextBatch() {
        List<MxTarget> batch = new ArrayList<>();
        while (batch.size() < maxHosts - hosts.size() && !candidates.isEmpty()) {
            batch.add(candidates.removeFirst());
        }
        return batch;
    }

    /** Adds a looked-up host, if it has addresses, with as many of them as the address cap leaves. */
    void add(HostAddresses host) {
        warnings.addAll(host.warnings());
        temporaryFailure |= host.temporaryFailure();
        int room = Math.min(maxAddresses - addressCount, host.addresses().size());
        if (hosts.size() >= maxHosts || room <= 0) {
            return;
        }
        List<InetAddress> addresses = host.addresses().subList(0, room);
        hosts.add(new MxHost(host.target().host(), host.target().preference(), addresses));
        addressCount += addresses.size();
    }

    /** Returns whether the route is complete: a cap was reached or every candidate was looked up. */
    boolean isComplete() {
        return hosts.size() >= maxHosts || addressCount >= maxAddresses || candidates.isEmpty();
    }

    Route toRoute() {
        if (!hosts.isEmpty()) {
            return new ResolvedRoute(domain, hosts, implicitMx, warnings);
        }
        String details = warnings.isEmpty() ? "" : ": " + String.join("; ", warnings);
        if (temporaryFailure) {
            // A lookup that failed may succeed later, so the recipients wait instead of bouncing.
            return new UnresolvedRoute(
                    domain,
                    DeliveryStatus.DEFERRED,
                    EnhancedStatusCode.DIRECTORY_SERVER_FAILURE,
                    "No MX host of " + domain + " has a usable address yet, because an address lookup failed" + details,
                    warnings);
        }
        return new UnresolvedRoute(
                domain,
                DeliveryStatus.FAILED,
                EnhancedStatusCode.UNABLE_TO_ROUTE,
                "No MX host of " + domain + " has a usable address" + details,
                warnings);
    }
}

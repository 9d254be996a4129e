package io.github.directdelivery;

import java.util.List;
import java.util.Objects;

/**
 * The MX hosts of a domain, in the order to try them (RFC 5321 §5.1): by preference, hosts of
 * equal preference in random order. Each host has at least one address that may be used.
 *
 * @param domain the domain that was looked up, in ASCII, without a trailing dot
 * @param hosts the hosts to try, in order; never empty
 * @param implicitMx whether the domain has no MX record, so that the domain itself is the only
 *     host (RFC 5321 §5.1)
 * @param warnings the MX hosts and addresses that were skipped, each with the reason
 */
public record ResolvedRoute(String domain, List<MxHost> hosts, boolean implicitMx, List<String> warnings)
        implements Route {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if the domain or the host list is empty
     * @throws NullPointerException if a component or an element is null
     */
    public ResolvedRoute {
        Objects.requireNonNull(domain, "domain");
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("domain must not be empty");
        }
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a resolved route for " + domain + " needs at least one host");
        }
        warnings = List.copyOf(warnings);
    }
}

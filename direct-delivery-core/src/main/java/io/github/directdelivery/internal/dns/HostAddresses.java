package io.github.directdelivery.internal.dns;

import java.net.InetAddress;
import java.util.List;

/**
 * The outcome of looking up one MX host's addresses.
 *
 * @param target the host that was looked up
 * @param addresses the addresses that may be used, in the order to try them; empty when none
 * @param warnings the addresses that were refused and the lookups that failed, each with the reason
 * @param temporaryFailure whether an A or AAAA lookup failed in a way that may pass
 */
record HostAddresses(MxTarget target, List<InetAddress> addresses, List<String> warnings, boolean temporaryFailure) {

    HostAddresses {
        addresses = List.copyOf(addresses);
        warnings = List.copyOf(warnings);
    }
}

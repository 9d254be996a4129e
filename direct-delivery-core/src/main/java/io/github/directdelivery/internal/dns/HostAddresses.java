package io.github.directdelivery.internal.dns;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of looking up one MX host's addresses.
 *
 * @param target the host that was looked up
 * @param addresses the addresses that may be used, in the order to try them; empty when none
 * @param warnings the addresses that were refused and the lookups that failed, each with the reason
 * @param temporaryFailure whether an A or AAAA lookup failed in a way that may pass
 * @param expires when the first of the answers it was built from expires, or null if it must not
 *     be kept, as after a temporary failure
 */
record HostAddresses(
        MxTarget target,
        List<InetAddress> addresses,
        List<String> warnings,
        boolean temporaryFailure,
        @Nullable Instant expires) {

    HostAddresses {
        addresses = List.copyOf(addresses);
        warnings = List.copyOf(warnings);
    }
}

package io.github.directdelivery;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One host that accepts mail for a domain, with the addresses to connect to.
 *
 * @param name the host name in ASCII, in lower case, without a trailing dot
 * @param preference the MX preference, 0 to 65535; lower is tried first. An implicit MX (a domain
 *     without MX records) has preference 0
 * @param addresses the addresses to try, in order; never empty
 */
public record MxHost(String name, int preference, List<InetAddress> addresses) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if the name is empty or ends with a dot, the preference is
     *     outside 0 to 65535, or there is no address
     * @throws NullPointerException if a component or an address is null
     */
    public MxHost {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.endsWith(".")) {
            throw new IllegalArgumentException(
                    "MX host name must be non-empty without a trailing dot, not \"" + name + "\"");
        }
        if (preference < 0 || preference > 0xFFFF) {
            throw new IllegalArgumentException("MX preference must be between 0 and 65535, not " + preference);
        }
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("MX host " + name + " must have at least one address");
        }
    }
}

package io.github.directdelivery;

/** Which address families of an MX host are tried, and in which order. */
public enum AddressPreference {
    /** IPv4 addresses first, then IPv6. The default: IPv4 sending reputation is easier to establish. */
    IPV4_FIRST,
    /** IPv6 addresses first, then IPv4. */
    IPV6_FIRST,
    /** IPv4 addresses only; no AAAA queries are sent. */
    IPV4_ONLY,
    /** IPv6 addresses only; no A queries are sent. */
    IPV6_ONLY
}

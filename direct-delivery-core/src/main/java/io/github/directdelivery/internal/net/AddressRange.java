package io.github.directdelivery.internal.net;

/**
 * The special-purpose range an IP address belongs to, as listed in the IANA IPv4 and IPv6
 * special-purpose address registries (RFC 6890), or {@link #PUBLIC} for an ordinary global
 * unicast address. Mail is delivered only to public addresses unless local destinations are
 * explicitly allowed.
 */
public enum AddressRange {
    /** A global unicast address: publicly routable. */
    PUBLIC("publicly routable"),
    /** 0.0.0.0 and ::, which name no host. */
    UNSPECIFIED("unspecified address"),
    /** 0.0.0.0/8, "this network", other than 0.0.0.0 itself. */
    THIS_NETWORK("this-network address (0.0.0.0/8)"),
    /** 127.0.0.0/8 and ::1. */
    LOOPBACK("loopback address"),
    /** 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16 (RFC 1918). */
    PRIVATE("private address (RFC 1918)"),
    /** fc00::/7 (RFC 4193). */
    UNIQUE_LOCAL("unique local address (fc00::/7)"),
    /** 169.254.0.0/16, where cloud metadata services live, and fe80::/10. */
    LINK_LOCAL("link-local address"),
    /** 100.64.0.0/10, the carrier-grade NAT range (RFC 6598). */
    SHARED_ADDRESS_SPACE("shared address space for carrier-grade NAT (100.64.0.0/10)"),
    /** 192.0.0.0/24 (RFC 6890). */
    IETF_PROTOCOL_ASSIGNMENTS("IETF protocol assignment (192.0.0.0/24)"),
    /** 198.18.0.0/15 (RFC 2544) and 2001:2::/48 (RFC 5180). */
    BENCHMARKING("benchmarking address"),
    /** 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737), 2001:db8::/32 and 3fff::/20. */
    DOCUMENTATION("documentation address"),
    /** 224.0.0.0/4 and ff00::/8. */
    MULTICAST("multicast address"),
    /** 255.255.255.255. */
    BROADCAST("limited broadcast address"),
    /** 64:ff9b:1::/48, the local-use IPv4/IPv6 translation prefix (RFC 8215). */
    LOCAL_USE_TRANSLATION("local-use IPv4/IPv6 translation address (64:ff9b:1::/48)"),
    /** 240.0.0.0/4 and IPv6 space outside 2000::/3 that no other constant covers. */
    RESERVED("reserved address");

    private final String description;

    AddressRange(String description) {
        this.description = description;
    }

    /** Returns whether mail may be delivered to an address in this range by default. */
    public boolean isPubliclyRoutable() {
        return this == PUBLIC;
    }

    /** Returns a short description for messages, such as {@code "loopback address"}. */
    public String description() {
        return description;
    }
}

package io.github.directdelivery.testkit;

import java.util.Objects;

/**
 * A query that a {@link DnsServer} received, for assertions on what the code under test asked.
 *
 * @param name the queried name in lower case, without the trailing dot ({@code "example.com"}),
 *     or {@code "."} for the root
 * @param type the record type's mnemonic, such as {@code "MX"}, {@code "A"} or {@code "AAAA"}
 * @param transport the transport the query arrived on
 */
public record DnsQuery(String name, String type, DnsTransport transport) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if a component is null
     */
    public DnsQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(transport, "transport");
    }

    /** Returns a query for {@code name} and {@code type} that arrived over UDP. */
    public static DnsQuery udp(String name, String type) {
        return new DnsQuery(name, type, DnsTransport.UDP);
    }

    /** Returns a query for {@code name} and {@code type} that arrived over TCP. */
    public static DnsQuery tcp(String name, String type) {
        return new DnsQuery(name, type, DnsTransport.TCP);
    }
}

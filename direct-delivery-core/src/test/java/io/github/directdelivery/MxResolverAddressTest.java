package io.github.directdelivery;

import static io.github.directdelivery.MxResolverTest.address;
import static io.github.directdelivery.MxResolverTest.hostNames;
import static io.github.directdelivery.testkit.DnsQuery.udp;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses of the MX hosts a route lists, and in which order. */
class MxResolverAddressTest extends ResolverTestSupport {

    private MxResolver.Builder resolver() {
        return resolverForTestServer();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "A, 127.0.0.1, loopback address",
        "A, 10.1.2.3, private address (RFC 1918)",
        "A, 169.254.169.254, link-local address",
        "AAAA, ::ffff:10.0.0.1, private address (RFC 1918)",
        "A, 192.0.2.25, documentation address",
    })
    void localAddressIsRefusedByDefault(String type, String literal, String range) {
        publishMx(type, literal);

        UnresolvedRoute route = (UnresolvedRoute) resolver().build().resolve("example.com");

        String expectedAddress = literal.startsWith("::ffff:") ? literal.substring("::ffff:".length()) : literal;
        assertThat(route.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(route.code()).isEqualTo(EnhancedStatusCode.UNABLE_TO_ROUTE);
        assertThat(route.reason()).contains(expectedAddress).contains(range).contains("allowLocalDestinations");
        assertThat(route.warnings())
                .containsExactly("address " + expectedAddress + " of MX host mx.example.com of example.com refused: "
                        + range + ", not publicly routable (set allowLocalDestinations to deliver to it)");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"A, 127.0.0.1", "A, 10.1.2.3", "A, 169.254.169.254", "AAAA, ::ffff:10.0.0.1", "A, 192.0.2.25"})
    void localAddressIsAllowedWhenEnabled(String type, String literal) throws IOException {
        publishMx(type, literal);

        Route route = resolver().allowLocalDestinations(true).build().resolve("example.com");

        assertThat(route)
                .isEqualTo(new ResolvedRoute(
                        "example.com",
                        List.of(new MxHost("mx.example.com", 10, List.of(address(literal)))),
                        false,
                        List.of()));
    }

    @Test
    void publicAddressIsKeptBesideRefusedOne() throws IOException {
        // 203.0.114.1 is outside every special-purpose range; the resolver never connects to it.
        dns.mx("example.com", 10, "mx.example.com").a("mx.example.com", "127.0.0.1", "203.0.114.1");

        ResolvedRoute route = (ResolvedRoute) resolver().build().resolve("example.com");

        assertThat(route.hosts()).containsExactly(new MxHost("mx.example.com", 10, List.of(address("203.0.114.1"))));
        assertThat(route.warnings()).singleElement().asString().contains("127.0.0.1");
    }

    @Test
    void ipv4FirstListsIpv4ThenIpv6() throws IOException {
        publishDualStackHost();

        Route route = resolver().allowLocalDestinations(true).build().resolve("example.com");

        assertThat(addresses(route))
                .containsExactly(
                        address("192.0.2.1"), address("192.0.2.2"), address("2001:db8::1"), address("2001:db8::2"));
    }

    @Test
    void ipv6FirstListsIpv6ThenIpv4() throws IOException {
        publishDualStackHost();

        Route route = resolver()
                .allowLocalDestinations(true)
                .addressPreference(AddressPreference.IPV6_FIRST)
                .build()
                .resolve("example.com");

        assertThat(addresses(route))
                .containsExactly(
                        address("2001:db8::1"), address("2001:db8::2"), address("192.0.2.1"), address("192.0.2.2"));
    }

    @Test
    void ipv4OnlySendsNoAaaaQuery() throws IOException {
        publishDualStackHost();

        Route route = resolver()
                .allowLocalDestinations(true)
                .addressPreference(AddressPreference.IPV4_ONLY)
                .build()
                .resolve("example.com");

        assertThat(addresses(route)).containsExactly(address("192.0.2.1"), address("192.0.2.2"));
        assertThat(dns.queries()).containsExactly(udp("example.com", "MX"), udp("mx.example.com", "A"));
    }

    @Test
    void ipv6OnlySendsNoAQuery() throws IOException {
        publishDualStackHost();

        Route route = resolver()
                .allowLocalDestinations(true)
                .addressPreference(AddressPreference.IPV6_ONLY)
                .build()
                .resolve("example.com");

        assertThat(addresses(route)).containsExactly(address("2001:db8::1"), address("2001:db8::2"));
        assertThat(dns.queries()).containsExactly(udp("example.com", "MX"), udp("mx.example.com", "AAAA"));
    }

    @Test
    void addressCapCountsEveryHost() throws IOException {
        dns.mx("example.com", 10, "mx1.example.com")
                .mx("example.com", 20, "mx2.example.com")
                .mx("example.com", 30, "mx3.example.com")
                .a("mx1.example.com", "192.0.2.1", "192.0.2.2")
                .a("mx2.example.com", "192.0.2.3", "192.0.2.4")
                .a("mx3.example.com", "192.0.2.5");

        ResolvedRoute route = (ResolvedRoute) resolver()
                .allowLocalDestinations(true)
                .addressPreference(AddressPreference.IPV4_ONLY)
                .maxAddresses(3)
                .build()
                .resolve("example.com");

        assertThat(route.hosts())
                .containsExactly(
                        new MxHost("mx1.example.com", 10, List.of(address("192.0.2.1"), address("192.0.2.2"))),
                        new MxHost("mx2.example.com", 20, List.of(address("192.0.2.3"))));
    }

    @Test
    void hostCapLeavesLaterHostsUnqueried() {
        dns.mx("example.com", 10, "mx1.example.com")
                .mx("example.com", 20, "mx2.example.com")
                .mx("example.com", 30, "mx3.example.com")
                .a("mx1.example.com", "192.0.2.1")
                .a("mx2.example.com", "192.0.2.2")
                .a("mx3.example.com", "192.0.2.3");

        Route route = resolver()
                .allowLocalDestinations(true)
                .addressPreference(AddressPreference.IPV4_ONLY)
                .maxHosts(2)
                .build()
                .resolve("example.com");

        assertThat(hostNames(route)).containsExactly("mx1.example.com", "mx2.example.com");
        assertThat(dns.queries())
                .containsExactlyInAnyOrder(
                        udp("example.com", "MX"), udp("mx1.example.com", "A"), udp("mx2.example.com", "A"));
    }

    @Test
    void hostWithoutAddressMakesRoomForTheNext() {
        dns.mx("example.com", 10, "mx1.example.com")
                .mx("example.com", 20, "mx2.example.com")
                .mx("example.com", 30, "mx3.example.com")
                .a("mx2.example.com", "192.0.2.2")
                .a("mx3.example.com", "192.0.2.3");

        ResolvedRoute route = (ResolvedRoute) resolver()
                .allowLocalDestinations(true)
                .addressPreference(AddressPreference.IPV4_ONLY)
                .maxHosts(2)
                .build()
                .resolve("example.com");

        assertThat(hostNames(route)).containsExactly("mx2.example.com", "mx3.example.com");
        assertThat(route.warnings())
                .containsExactly(
                        "MX host mx1.example.com of example.com skipped: the host name does not exist" + " (NXDOMAIN)");
    }

    @Test
    void duplicateTargetKeepsLowestPreference() throws IOException {
        dns.mx("example.com", 20, "mx1.example.com")
                .mx("example.com", 10, "MX1.example.com.")
                .a("mx1.example.com", "192.0.2.1");

        ResolvedRoute route =
                (ResolvedRoute) resolver().allowLocalDestinations(true).build().resolve("example.com");

        assertThat(route.hosts()).containsExactly(new MxHost("mx1.example.com", 10, List.of(address("192.0.2.1"))));
    }

    @Test
    void addressesCarryTheHostName() {
        publishMx("A", "192.0.2.25");

        Route route = resolver().allowLocalDestinations(true).build().resolve("example.com");

        // With a host name set, getHostName() returns it without a reverse DNS lookup.
        assertThat(addresses(route))
                .singleElement()
                .extracting(InetAddress::getHostName)
                .isEqualTo("mx.example.com");
    }

    private void publishMx(String type, String literal) {
        dns.mx("example.com", 10, "mx.example.com");
        if (type.equals("A")) {
            dns.a("mx.example.com", literal);
        } else {
            dns.aaaa("mx.example.com", literal);
        }
    }

    private void publishDualStackHost() {
        dns.mx("example.com", 10, "mx.example.com")
                .a("mx.example.com", "192.0.2.1", "192.0.2.2")
                .aaaa("mx.example.com", "2001:db8::1", "2001:db8::2");
    }

    private static List<InetAddress> addresses(Route route) {
        assertThat(route).isInstanceOf(ResolvedRoute.class);
        return ((ResolvedRoute) route)
                .hosts().stream().flatMap(host -> host.addresses().stream()).toList();
    }
}

package io.github.directdelivery;

import static io.github.directdelivery.testkit.DnsQuery.tcp;
import static io.github.directdelivery.testkit.DnsQuery.udp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.testkit.DnsFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Routing through MX records, implicit MX, null MX and internationalised domains. */
class MxResolverTest extends ResolverTestSupport {

    // The zone data uses documentation addresses, which are not publicly routable.
    private MxResolver.Builder resolver() {
        return resolverForTestServer().allowLocalDestinations(true);
    }

    @Test
    void equalPreferenceHostsShareFirstPlace() {
        dns.mx("example.com", 10, "mx1.example.com")
                .mx("example.com", 10, "mx2.example.com")
                .mx("example.com", 20, "backup.example.com")
                .a("mx1.example.com", "192.0.2.1")
                .a("mx2.example.com", "192.0.2.2")
                .a("backup.example.com", "192.0.2.3");
        MxResolver resolver =
                resolver().addressPreference(AddressPreference.IPV4_ONLY).build();

        Map<String, Integer> firstCounts = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            ResolvedRoute route = (ResolvedRoute) resolver.resolve("example.com");
            assertThat(route.hosts()).hasSize(3);
            assertThat(route.hosts().get(2).name()).isEqualTo("backup.example.com");
            firstCounts.merge(route.hosts().get(0).name(), 1, Integer::sum);
        }

        assertThat(firstCounts.get("mx1.example.com")).isBetween(450, 550);
        assertThat(firstCounts.get("mx2.example.com")).isBetween(450, 550);
        // The answers are cached, so each name was asked once.
        assertThat(dns.queries())
                .containsExactlyInAnyOrder(
                        udp("example.com", "MX"),
                        udp("mx1.example.com", "A"),
                        udp("mx2.example.com", "A"),
                        udp("backup.example.com", "A"));
    }

    @Test
    void sameSeedGivesSameOrder() {
        dns.mx("example.com", 10, "mx1.example.com")
                .mx("example.com", 10, "mx2.example.com")
                .mx("example.com", 10, "mx3.example.com")
                .a("mx1.example.com", "192.0.2.1")
                .a("mx2.example.com", "192.0.2.2")
                .a("mx3.example.com", "192.0.2.3");

        List<String> first =
                hostNames(resolver().random(new SplittableRandom(7)).build().resolve("example.com"));
        List<String> second =
                hostNames(resolver().random(new SplittableRandom(7)).build().resolve("example.com"));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void hostsAreOrderedByPreference() throws IOException {
        dns.mx("example.com", 30, "c.example.com")
                .mx("example.com", 10, "a.example.com")
                .mx("example.com", 20, "b.example.com")
                .a("a.example.com", "192.0.2.1")
                .a("b.example.com", "192.0.2.2")
                .a("c.example.com", "192.0.2.3");

        Route route = resolver().build().resolve("example.com");

        assertThat(route)
                .isEqualTo(new ResolvedRoute(
                        "example.com",
                        List.of(
                                new MxHost("a.example.com", 10, List.of(address("192.0.2.1"))),
                                new MxHost("b.example.com", 20, List.of(address("192.0.2.2"))),
                                new MxHost("c.example.com", 30, List.of(address("192.0.2.3")))),
                        false,
                        List.of()));
    }

    @Test
    void nullMxFailsWithoutAddressQueries() {
        dns.nullMx("example.org").a("example.org", "192.0.2.25");

        Route route = resolver().build().resolve("example.org");

        UnresolvedRoute unresolved = (UnresolvedRoute) route;
        assertThat(unresolved.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(unresolved.code()).isEqualTo(EnhancedStatusCode.NULL_MX);
        assertThat(unresolved.reason()).contains("example.org").contains("null MX");
        assertThat(dns.queries()).containsExactly(udp("example.org", "MX"));
    }

    @Test
    void domainWithoutMxIsItsOwnHost() throws IOException {
        dns.a("example.com", "192.0.2.25");

        Route route = resolver().build().resolve("example.com");

        assertThat(route)
                .isEqualTo(new ResolvedRoute(
                        "example.com",
                        List.of(new MxHost("example.com", 0, List.of(address("192.0.2.25")))),
                        true,
                        List.of()));
        assertThat(dns.queries())
                .containsExactlyInAnyOrder(
                        udp("example.com", "MX"), udp("example.com", "A"), udp("example.com", "AAAA"));
    }

    @Test
    void cnameMxTargetIsFollowed() throws IOException {
        dns.mx("example.com", 10, "mail.example.com")
                .cname("mail.example.com", "host.example.net")
                .a("host.example.net", "192.0.2.30");

        Route route = resolver().build().resolve("example.com");

        assertThat(route)
                .isEqualTo(new ResolvedRoute(
                        "example.com",
                        List.of(new MxHost("mail.example.com", 10, List.of(address("192.0.2.30")))),
                        false,
                        List.of()));
        assertThat(dns.queries())
                .containsExactlyInAnyOrder(
                        udp("example.com", "MX"), udp("mail.example.com", "A"), udp("mail.example.com", "AAAA"));
    }

    @Test
    void unicodeDomainIsQueriedByALabel() {
        dns.mx("xn--bcher-kva.example.com", 10, "mx.example.com").a("mx.example.com", "192.0.2.25");

        Route route = resolver().build().resolve("bücher.example.com");

        assertThat(route.domain()).isEqualTo("xn--bcher-kva.example.com");
        assertThat(route).isInstanceOf(ResolvedRoute.class);
        assertThat(dns.queries()).first().isEqualTo(udp("xn--bcher-kva.example.com", "MX"));
    }

    @Test
    void sharpSIsQueriedAsIdna2008ALabel() {
        dns.mx("xn--fa-hia.de", 10, "mx.example.com")
                .a("mx.example.com", "192.0.2.25")
                .mx("fass.de", 10, "wrong.example.com");

        Route route = resolver().build().resolve("faß.de");

        assertThat(route.domain()).isEqualTo("xn--fa-hia.de");
        assertThat(hostNames(route)).containsExactly("mx.example.com");
        assertThat(dns.queries()).first().isEqualTo(udp("xn--fa-hia.de", "MX"));
        assertThat(dns.queries()).noneMatch(query -> query.name().equals("fass.de"));
    }

    @Test
    void truncatedAnswerIsReadOverTcp() {
        for (int i = 1; i <= 6; i++) {
            dns.mx("example.com", 10 * i, "mx" + i + ".example.com").a("mx" + i + ".example.com", "192.0.2." + i);
        }
        dns.fail("example.com", "MX", DnsFailure.TRUNCATE);

        Route route = resolver().maxHosts(6).maxAddresses(6).build().resolve("example.com");

        assertThat(hostNames(route))
                .containsExactly(
                        "mx1.example.com",
                        "mx2.example.com",
                        "mx3.example.com",
                        "mx4.example.com",
                        "mx5.example.com",
                        "mx6.example.com");
        assertThat(dns.queries()).startsWith(udp("example.com", "MX"), tcp("example.com", "MX"));
    }

    @Test
    void invalidDomainSendsNoQuery() {
        MxResolver resolver = resolver().build();

        assertThatThrownBy(() -> resolver.resolve("-bad-.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"-bad-.example\"");
        assertThatThrownBy(() -> resolver.resolveAsync("a..example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"a..example\"");
        assertThat(dns.queries()).isEmpty();
    }

    @Test
    void resolveAsyncCompletesWithTheRoute() {
        dns.mx("example.com", 10, "mx1.example.com").a("mx1.example.com", "192.0.2.1");

        Route route = resolver().build().resolveAsync("example.com").join();

        assertThat(hostNames(route)).containsExactly("mx1.example.com");
    }

    static List<String> hostNames(Route route) {
        assertThat(route).isInstanceOf(ResolvedRoute.class);
        return ((ResolvedRoute) route).hosts().stream().map(MxHost::name).toList();
    }

    static InetAddress address(String literal) throws IOException {
        return InetAddress.getByName(literal); // a literal, so nothing is looked up
    }
}

package io.github.directdelivery;

import static io.github.directdelivery.MxResolverTest.address;
import static io.github.directdelivery.MxResolverTest.hostNames;
import static io.github.directdelivery.testkit.DnsQuery.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.testkit.DnsFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DNS failures, and MX records that cannot be used: which are permanent and which temporary. */
class MxResolverFailureTest extends ResolverTestSupport {

    // The zone data uses documentation addresses, which are not publicly routable.
    private MxResolver.Builder resolver() {
        return resolverForTestServer().allowLocalDestinations(true);
    }

    @Test
    void servfailDefersWithDirectoryFailure() {
        dns.mx("example.com", 10, "mx1.example.com").fail("example.com", "MX", DnsFailure.SERVFAIL);

        UnresolvedRoute route = (UnresolvedRoute) resolver().build().resolve("example.com");

        assertThat(route.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(route.code()).isEqualTo(EnhancedStatusCode.DIRECTORY_SERVER_FAILURE);
        assertThat(route.reason()).contains("MX lookup for example.com").contains("SERVFAIL");
        assertThat(dns.queries()).containsExactly(udp("example.com", "MX"));
    }

    @Test
    void nxdomainFailsWithBadDestination() {
        dns.mx("example.com", 10, "mx1.example.com");

        UnresolvedRoute route = (UnresolvedRoute) resolver().build().resolve("nosuch.example.com");

        assertThat(route.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(route.code()).isEqualTo(EnhancedStatusCode.BAD_DESTINATION_SYSTEM);
        assertThat(route.reason()).contains("nosuch.example.com").contains("NXDOMAIN");
        assertThat(dns.queries()).containsExactly(udp("nosuch.example.com", "MX"));
    }

    @Test
    void scriptedNxdomainFailsWithBadDestination() {
        dns.mx("example.com", 10, "mx1.example.com").fail("example.com", "MX", DnsFailure.NXDOMAIN);

        UnresolvedRoute route = (UnresolvedRoute) resolver().build().resolve("example.com");

        assertThat(route.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(route.code()).isEqualTo(EnhancedStatusCode.BAD_DESTINATION_SYSTEM);
    }

    @Test
    void refusedDefersWithDirectoryFailure() {
        dns.fail("example.com", DnsFailure.REFUSED);

        UnresolvedRoute route = (UnresolvedRoute) resolver().build().resolve("example.com");

        assertThat(route.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(route.code()).isEqualTo(EnhancedStatusCode.DIRECTORY_SERVER_FAILURE);
        assertThat(route.reason()).contains("REFUSED");
        assertThat(dns.queries()).containsExactly(udp("example.com", "MX"));
    }

    @Test
    void timeoutDefersAfterEveryRetry() {
        dns.fail("example.com", "MX", DnsFailure.DROP);

        UnresolvedRoute route = (UnresolvedRoute)
                resolver().timeout(Duration.ofMillis(200)).retries(1).build().resolve("example.com");

        assertThat(route.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(route.code()).isEqualTo(EnhancedStatusCode.DIRECTORY_SERVER_FAILURE);
        assertThat(route.reason()).isEqualTo("MX lookup for example.com timed out: no answer from the DNS server");
        assertThat(dns.queries()).containsExactly(udp("example.com", "MX"), udp("example.com", "MX"));
    }

    @Test
    void failuresAreNotCached() {
        dns.mx("example.com", 10, "mx1.example.com")
                .a("mx1.example.com", "192.0.2.1")
                .fail("example.com", "MX", DnsFailure.SERVFAIL);
        MxResolver resolver = resolver().build();

        Route failed = resolver.resolve("example.com");
        dns.clearFailures();
        Route resolved = resolver.resolve("example.com");

        assertThat(failed).isInstanceOf(UnresolvedRoute.class);
        assertThat(hostNames(resolved)).containsExactly("mx1.example.com");
    }

    @Test
    void addressLiteralTargetsAreSkipped() throws IOException {
        dns.mx("example.com", 5, "192.0.2.1")
                .mx("example.com", 6, "[192.0.2.2]")
                .mx("example.com", 10, "mx1.example.com")
                .a("mx1.example.com", "192.0.2.25");

        ResolvedRoute route = (ResolvedRoute) resolver().build().resolve("example.com");

        assertThat(route.hosts()).containsExactly(new MxHost("mx1.example.com", 10, List.of(address("192.0.2.25"))));
        assertThat(route.warnings())
                .containsExactly(
                        "MX host 192.0.2.1 of example.com skipped: the target is an IP address literal, not a host name",
                        "MX host [192.0.2.2] of example.com skipped: the target is an IP address literal, not a host"
                                + " name");
        assertThat(dns.queries()).noneMatch(query -> query.name().contains("192"));
    }

    @Test
    void rootTargetAmongOthersIsSkipped() throws IOException {
        dns.mx("example.com", 0, ".").mx("example.com", 10, "mx1.example.com").a("mx1.example.com", "192.0.2.25");

        ResolvedRoute route = (ResolvedRoute) resolver().build().resolve("example.com");

        assertThat(route.hosts()).containsExactly(new MxHost("mx1.example.com", 10, List.of(address("192.0.2.25"))));
        assertThat(route.warnings())
                .containsExactly("MX host . of example.com skipped: a null MX record must be the only MX record"
                        + " (RFC 7505 §3)");
    }

    @Test
    void noAddressAnywhereFailsUnableToRoute() {
        dns.mx("example.com", 10, "mx1.example.com")
                .mx("example.com", 20, "192.0.2.1")
                .mx("example.com", 30, "mx3.example.com")
                .aaaa("other.example.com", "2001:db8::1")
                .cname("mx3.example.com", "other.example.com");

        UnresolvedRoute route = (UnresolvedRoute) resolver()
                .addressPreference(AddressPreference.IPV4_ONLY)
                .build()
                .resolve("example.com");

        assertThat(route.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(route.code()).isEqualTo(EnhancedStatusCode.UNABLE_TO_ROUTE);
        assertThat(route.warnings())
                .containsExactly(
                        "MX host 192.0.2.1 of example.com skipped: the target is an IP address literal, not a host name",
                        "MX host mx1.example.com of example.com skipped: the host name does not exist (NXDOMAIN)",
                        "MX host mx3.example.com of example.com skipped: it has no A record");
        assertThat(route.reason()).startsWith("No MX host of example.com has a usable address: ");
        assertThat(route.reason()).contains(route.warnings());
        assertThat(dns.queries())
                .containsExactlyInAnyOrder(
                        udp("example.com", "MX"), udp("mx1.example.com", "A"), udp("mx3.example.com", "A"));
    }

    @Test
    void implicitMxWithoutAddressFails() {
        dns.add(txtRecord("example.com"));

        UnresolvedRoute route = (UnresolvedRoute) resolver().build().resolve("example.com");

        assertThat(route.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(route.code()).isEqualTo(EnhancedStatusCode.UNABLE_TO_ROUTE);
        assertThat(route.warnings())
                .containsExactly("MX host example.com of example.com skipped: it has no A or AAAA record");
    }

    @Test
    void failedAddressLookupDefers() {
        dns.mx("example.com", 10, "mx1.example.com")
                .mx("example.com", 20, "mx2.example.com")
                .a("mx1.example.com", "192.0.2.1")
                .fail("mx1.example.com", "A", DnsFailure.SERVFAIL);

        UnresolvedRoute route = (UnresolvedRoute) resolver()
                .addressPreference(AddressPreference.IPV4_ONLY)
                .build()
                .resolve("example.com");

        assertThat(route.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(route.code()).isEqualTo(EnhancedStatusCode.DIRECTORY_SERVER_FAILURE);
        assertThat(route.warnings())
                .containsExactly(
                        "MX host mx1.example.com of example.com: A lookup for mx1.example.com failed: the DNS server"
                                + " answered SERVFAIL",
                        "MX host mx2.example.com of example.com skipped: the host name does not exist (NXDOMAIN)");
        assertThat(dns.queries())
                .containsExactlyInAnyOrder(
                        udp("example.com", "MX"), udp("mx1.example.com", "A"), udp("mx2.example.com", "A"));
    }

    @Test
    void failedLookupOfOneHostKeepsTheOthers() throws IOException {
        dns.mx("example.com", 10, "mx1.example.com")
                .mx("example.com", 20, "mx2.example.com")
                .a("mx2.example.com", "192.0.2.2")
                .fail("mx1.example.com", DnsFailure.SERVFAIL);

        ResolvedRoute route = (ResolvedRoute) resolver().build().resolve("example.com");

        assertThat(route.hosts()).containsExactly(new MxHost("mx2.example.com", 20, List.of(address("192.0.2.2"))));
        assertThat(route.warnings()).hasSize(2).allMatch(warning -> warning.contains("SERVFAIL"));
    }

    private static org.xbill.DNS.Record txtRecord(String name) {
        return new org.xbill.DNS.TXTRecord(
                org.xbill.DNS.Name.fromConstantString(name + "."), org.xbill.DNS.DClass.IN, 300, "v=spf1 -all");
    }
}

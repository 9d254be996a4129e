package io.github.directdelivery;

import static io.github.directdelivery.testkit.DnsQuery.udp;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;

/** Positive answers are cached for their TTL, negative answers for the SOA minimum (RFC 2308). */
class MxResolverCacheTest extends ResolverTestSupport {

    // The zone data uses documentation addresses, which are not publicly routable.
    private MxResolver resolver() {
        return resolverForTestServer().allowLocalDestinations(true).build();
    }

    @Test
    void repeatedResolutionSendsNoQuery() {
        dns.mx("example.com", 10, "mx1.example.com")
                .a("mx1.example.com", "192.0.2.1")
                .aaaa("mx1.example.com", "2001:db8::1");
        MxResolver resolver = resolver();

        Route first = resolver.resolve("example.com");
        int queriesAfterFirst = dns.queries().size();
        Route second = resolver.resolve("example.com");

        assertThat(second).isEqualTo(first);
        assertThat(queriesAfterFirst).isEqualTo(3);
        assertThat(dns.queries()).hasSize(queriesAfterFirst);
    }

    @Test
    void nxdomainIsCached() {
        MxResolver resolver = resolver();

        Route first = resolver.resolve("nosuch.example");
        Route second = resolver.resolve("nosuch.example");

        assertThat(second).isEqualTo(first);
        assertThat(((UnresolvedRoute) second).code()).isEqualTo(EnhancedStatusCode.BAD_DESTINATION_SYSTEM);
        assertThat(dns.queries()).containsExactly(udp("nosuch.example", "MX"));
    }

    @Test
    void nodataIsCached() {
        dns.a("example.com", "192.0.2.25");
        MxResolver resolver = resolver();

        Route first = resolver.resolve("example.com");
        Route second = resolver.resolve("example.com");

        assertThat(second).isEqualTo(first);
        assertThat(((ResolvedRoute) second).implicitMx()).isTrue();
        assertThat(dns.queries())
                .containsExactlyInAnyOrder(
                        udp("example.com", "MX"), udp("example.com", "A"), udp("example.com", "AAAA"));
    }

    @Test
    void recordWithZeroTtlIsAskedAgain() {
        Name domain = Name.fromConstantString("example.com.");
        dns.add(new MXRecord(domain, DClass.IN, 0, 10, Name.fromConstantString("mx1.example.com.")))
                .a("mx1.example.com", "192.0.2.1");
        MxResolver resolver = resolver();

        resolver.resolve("example.com");
        resolver.resolve("example.com");

        assertThat(dns.queries()).filteredOn(query -> query.type().equals("MX")).hasSize(2);
    }

    @Test
    void resolversDoNotShareACache() {
        dns.mx("example.com", 10, "mx1.example.com").a("mx1.example.com", "192.0.2.1");

        resolver().resolve("example.com");
        resolver().resolve("example.com");

        assertThat(dns.queries()).filteredOn(query -> query.type().equals("MX")).hasSize(2);
    }
}

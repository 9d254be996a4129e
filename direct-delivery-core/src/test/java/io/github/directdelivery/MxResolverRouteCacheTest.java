package io.github.directdelivery;

import static io.github.directdelivery.testkit.DnsQuery.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.testkit.DnsFailure;
import io.github.directdelivery.testkit.DnsQuery;
import io.github.directdelivery.testkit.DnsServer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * A resolved route is built again from cached answers until the shortest TTL among them passes,
 * with hosts of equal preference shuffled on every use, and failures are never kept.
 */
class MxResolverRouteCacheTest extends ResolverTestSupport {

    private static final Name DOMAIN = Name.fromConstantString("example.com.");

    private final ManualClock clock = new ManualClock();

    private MxResolver resolver() {
        return resolverForTestServer().allowLocalDestinations(true).clock(clock).build();
    }

    @Test
    void routeIsReusedWithoutQueries() {
        dns.mx("example.com", 10, "mx1.example.com").a("mx1.example.com", "192.0.2.1");
        MxResolver resolver = resolver();
        Route first = resolver.resolve("example.com");
        dns.clearQueries();

        clock.advance(DnsServer.TTL.minusSeconds(1));
        Route second = resolver.resolve("example.com");

        assertThat(second).isEqualTo(first);
        assertThat(dns.queries()).isEmpty();
    }

    @Test
    void addressesExpireWithTheirOwnTtl() throws Exception {
        dns.add(mx(600, "mx1.example.com")).add(a("mx1.example.com", 60, "192.0.2.1"));
        MxResolver resolver = resolver();
        resolver.resolve("example.com");
        dns.clearQueries();

        clock.advance(Duration.ofSeconds(59));
        resolver.resolve("example.com");
        assertThat(dns.queries()).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        resolver.resolve("example.com");
        assertThat(dns.queries()).contains(udp("mx1.example.com", "A")).doesNotContain(udp("example.com", "MX"));
    }

    @Test
    void mxRecordsExpireWithTheirTtl() throws Exception {
        dns.add(mx(60, "mx1.example.com")).add(a("mx1.example.com", 600, "192.0.2.1"));
        MxResolver resolver = resolver();
        resolver.resolve("example.com");
        dns.clearQueries();

        clock.advance(Duration.ofSeconds(59));
        resolver.resolve("example.com");
        assertThat(dns.queries()).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        resolver.resolve("example.com");
        assertThat(dns.queries()).containsExactly(udp("example.com", "MX"));
    }

    @Test
    void changedRecordsAreSeenAfterExpiry() throws Exception {
        dns.add(mx(60, "mx1.example.com")).a("mx1.example.com", "192.0.2.1").a("mx2.example.com", "192.0.2.2");
        MxResolver resolver = resolver();
        resolver.resolve("example.com");

        dns.add(new MXRecord(DOMAIN, DClass.IN, 60, 5, Name.fromConstantString("mx2.example.com.")));
        clock.advance(Duration.ofSeconds(60));

        assertThat(hostNames(resolver.resolve("example.com"))).containsExactly("mx2.example.com", "mx1.example.com");
    }

    @Test
    void equalPreferenceIsShuffledOnEveryUse() throws Exception {
        for (String host : List.of("mx1", "mx2", "mx3", "mx4")) {
            dns.add(mx(300, host + ".example.com")).add(a(host + ".example.com", 300, "192.0.2.1"));
        }
        MxResolver cached = resolverForTestServer()
                .allowLocalDestinations(true)
                .clock(clock)
                .random(new SplittableRandom(11))
                .build();

        List<List<String>> orders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            orders.add(hostNames(cached.resolve("example.com")));
        }

        assertThat(new HashSet<>(orders)).hasSizeGreaterThan(10);
        assertThat(dns.queries()).filteredOn(query -> query.type().equals("MX")).hasSize(1);
    }

    @Test
    void shuffleMatchesResolutionWithoutCache() throws Exception {
        Name uncachedDomain = Name.fromConstantString("example.net.");
        for (String host : List.of("mx1", "mx2", "mx3", "mx4")) {
            dns.add(mx(300, host + ".example.com"))
                    .add(new MXRecord(uncachedDomain, DClass.IN, 0, 10, Name.fromString(host + ".example.com.")))
                    .add(a(host + ".example.com", 300, "192.0.2.1"));
        }
        MxResolver uncached = resolverForTestServer()
                .allowLocalDestinations(true)
                .random(new SplittableRandom(11))
                .build();
        MxResolver cached = resolverForTestServer()
                .allowLocalDestinations(true)
                .random(new SplittableRandom(11))
                .build();

        List<List<String>> expected = new ArrayList<>();
        List<List<String>> actual = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(hostNames(uncached.resolve("example.net")));
            actual.add(hostNames(cached.resolve("example.com")));
        }

        assertThat(actual).isEqualTo(expected);
        assertThat(dns.queries())
                .filteredOn(query -> query.equals(udp("example.net", "MX")))
                .hasSize(20);
        assertThat(dns.queries())
                .filteredOn(query -> query.equals(udp("example.com", "MX")))
                .hasSize(1);
    }

    @Test
    void mxFailureIsAskedAgain() {
        dns.mx("example.com", 10, "mx1.example.com")
                .a("mx1.example.com", "192.0.2.1")
                .fail("example.com", "MX", DnsFailure.SERVFAIL);
        MxResolver resolver = resolver();

        Route failed = resolver.resolve("example.com");
        dns.clearFailures();
        Route recovered = resolver.resolve("example.com");

        assertThat(failed).isInstanceOf(UnresolvedRoute.class);
        assertThat(recovered).isInstanceOf(ResolvedRoute.class);
        assertThat(dns.queries()).filteredOn(query -> query.type().equals("MX")).hasSize(2);
    }

    @Test
    void addressFailureIsAskedAgain() {
        dns.mx("example.com", 10, "mx1.example.com")
                .mx("example.com", 20, "mx2.example.com")
                .a("mx1.example.com", "192.0.2.1")
                .a("mx2.example.com", "192.0.2.2")
                .fail("mx1.example.com", "A", DnsFailure.SERVFAIL);
        MxResolver resolver = resolver();
        Route first = resolver.resolve("example.com");
        dns.clearQueries();
        dns.clearFailures();

        Route second = resolver.resolve("example.com");

        assertThat(hostNames(first)).containsExactly("mx2.example.com");
        assertThat(hostNames(second)).containsExactly("mx1.example.com", "mx2.example.com");
        assertThat(dns.queries()).contains(udp("mx1.example.com", "A")).doesNotContain(udp("example.com", "MX"));
    }

    @Test
    void nxdomainExpiresWithSoaMinimum() throws Exception {
        dns.add(new SOARecord(
                DOMAIN,
                DClass.IN,
                3600,
                Name.fromConstantString("ns.example.com."),
                Name.fromConstantString("admin.example.com."),
                1,
                3600,
                600,
                86400,
                30));
        MxResolver resolver = resolver();
        resolver.resolve("nosuch.example.com");
        dns.clearQueries();

        clock.advance(Duration.ofSeconds(29));
        Route cached = resolver.resolve("nosuch.example.com");
        List<DnsQuery> beforeExpiry = dns.queries();
        clock.advance(Duration.ofSeconds(1));
        resolver.resolve("nosuch.example.com");

        assertThat(((UnresolvedRoute) cached).code()).isEqualTo(EnhancedStatusCode.BAD_DESTINATION_SYSTEM);
        assertThat(beforeExpiry).isEmpty();
        assertThat(dns.queries()).containsExactly(udp("nosuch.example.com", "MX"));
    }

    private static List<String> hostNames(Route route) {
        return ((ResolvedRoute) route).hosts().stream().map(MxHost::name).toList();
    }

    private static MXRecord mx(long ttl, String host) throws Exception {
        return new MXRecord(DOMAIN, DClass.IN, ttl, 10, Name.fromString(host + "."));
    }

    private static ARecord a(String host, long ttl, String address) throws Exception {
        return new ARecord(Name.fromString(host + "."), DClass.IN, ttl, InetAddress.getByName(address));
    }

    private static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

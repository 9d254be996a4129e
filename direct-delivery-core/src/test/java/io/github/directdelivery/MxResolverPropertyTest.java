package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.testkit.DnsServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** End-to-end tries through the loopback DNS server; the ordering itself has its own property test. */
class MxResolverPropertyTest {

    @Property(tries = 25)
    void hostsArePermutationByPreference(
            @ForAll @Size(min = 1, max = 8)
                    Map<@IntRange(min = 0, max = 99) Integer, @IntRange(min = 0, max = 3) Integer> preferenceByHost,
            @ForAll long seed)
            throws IOException {
        Map<String, Integer> published = new HashMap<>();
        try (DnsServer dns = DnsServer.start()) {
            preferenceByHost.forEach((host, preference) -> {
                String name = "mx" + host + ".example.com";
                published.put(name, preference * 10);
                dns.mx("example.com", preference * 10, name).a(name, "192.0.2." + (host + 1));
            });
            MxResolver resolver = MxResolver.builder()
                    .dnsServer(dns.address())
                    .timeout(Duration.ofSeconds(2))
                    .retries(0)
                    .addressPreference(AddressPreference.IPV4_ONLY)
                    .allowLocalDestinations(true)
                    .maxHosts(100)
                    .maxAddresses(100)
                    .random(new SplittableRandom(seed))
                    .build();

            ResolvedRoute route = (ResolvedRoute) resolver.resolve("example.com");

            Map<String, Integer> resolved = new HashMap<>();
            route.hosts().forEach(host -> resolved.put(host.name(), host.preference()));
            assertThat(route.hosts()).hasSize(published.size());
            assertThat(resolved).isEqualTo(published);
            assertThat(route.hosts()).isSortedAccordingTo(Comparator.comparingInt(MxHost::preference));
        }
    }
}

package io.github.directdelivery.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.UnresolvedRoute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RouteCacheTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final RouteCache cache = new RouteCache(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void entryIsKeptUntilItExpires() {
        RouteCache.Final entry = entry("example.com", NOW.plusSeconds(1));

        cache.put("example.com", entry);

        assertThat(cache.get("example.com")).isEqualTo(entry);
    }

    @Test
    void expiredEntryIsNotKept() {
        cache.put("example.com", entry("example.com", NOW));

        assertThat(cache.get("example.com")).isNull();
    }

    @Test
    void fullCacheStaysWithinLimit() {
        for (int i = 0; i < RouteCache.MAX_DOMAINS + 100; i++) {
            String domain = "d" + i + ".example";
            cache.put(domain, entry(domain, NOW.plus(Duration.ofMinutes(5))));
        }

        long kept = IntStream.range(0, RouteCache.MAX_DOMAINS + 100)
                .filter(i -> cache.get("d" + i + ".example") != null)
                .count();

        assertThat(kept).isEqualTo(RouteCache.MAX_DOMAINS);
        assertThat(cache.get("d" + (RouteCache.MAX_DOMAINS + 99) + ".example")).isNotNull();
    }

    @Test
    void hostAddressesWithoutExpiryAreNotKept() {
        RouteCache.Hosts entry = new RouteCache.Hosts(
                false, List.of(new MxTarget("mx.example.com", 10)), List.of(), NOW.plusSeconds(60));
        MxTarget target = new MxTarget("mx.example.com", 10);

        cache.remember(entry, new HostAddresses(target, List.of(), List.of("lookup failed"), true, null));

        assertThat(cache.addresses(entry, target)).isNull();
    }

    private static RouteCache.Final entry(String domain, Instant expires) {
        return new RouteCache.Final(
                new UnresolvedRoute(
                        domain,
                        DeliveryStatus.FAILED,
                        EnhancedStatusCode.BAD_DESTINATION_SYSTEM,
                        "no such domain",
                        List.of()),
                expires);
    }
}
